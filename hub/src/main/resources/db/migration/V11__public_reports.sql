-- Photos that residents attach to hazard reports on a venue's public page (issue 8). Kept for
-- the inspectors who triage the report's ticket; never shown on the public page. Stored
-- re-encoded (fresh JPEG without metadata), at most 5 MiB.
CREATE TABLE public_report_photos (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id   BIGINT NOT NULL REFERENCES tickets (id),
    received_at TIMESTAMPTZ NOT NULL,
    media_type  TEXT NOT NULL CHECK (media_type = 'image/jpeg'),
    sha256      BYTEA NOT NULL CHECK (octet_length(sha256) = 32),
    bytes       BYTEA NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 5242880)
);
CREATE INDEX public_report_photos_ticket ON public_report_photos (ticket_id, id);
