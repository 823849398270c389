-- Evidence on hazard tickets (issue 7): photos of the rectification. Stored in PostgreSQL, not
-- on disk: a photo commits with its audit entry in one transaction, is backed up and replicated
-- with the ticket it proves, and there is no file that can go missing or be swapped behind the
-- database's back. Photos are re-encoded JPEGs of at most a few MiB, well within BYTEA's comfort.
CREATE TABLE ticket_evidence (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id     BIGINT NOT NULL REFERENCES tickets (id),
    kind          TEXT NOT NULL CHECK (kind IN ('photo')),
    -- What is served: always the hub's own re-encoding, never the uploaded bytes.
    content_type  TEXT NOT NULL CHECK (content_type = 'image/jpeg'),
    -- What the upload was, by its magic bytes (not by what the client claimed).
    uploaded_type TEXT NOT NULL CHECK (uploaded_type IN ('image/jpeg', 'image/png')),
    bytes         BYTEA NOT NULL,
    sha256        TEXT NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    width         INTEGER NOT NULL CHECK (width > 0),
    height        INTEGER NOT NULL CHECK (height > 0),
    uploaded_by   BIGINT NOT NULL REFERENCES users (id),
    uploaded_at   TIMESTAMPTZ NOT NULL,
    -- The ticket's state when the photo arrived (a photo of the work, or of the hazard before it).
    ticket_state  TEXT NOT NULL,
    note          TEXT CHECK (length(note) <= 4000)
);
CREATE INDEX ticket_evidence_ticket ON ticket_evidence (ticket_id, id);

-- Evidence is part of the record an investigator relies on: like ticket_audit, the database
-- refuses to rewrite or remove it.
CREATE FUNCTION ticket_evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ticket_evidence is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER ticket_evidence_no_update_delete BEFORE UPDATE OR DELETE ON ticket_evidence
    FOR EACH ROW EXECUTE FUNCTION ticket_evidence_refuse_change();
CREATE TRIGGER ticket_evidence_no_truncate BEFORE TRUNCATE ON ticket_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_evidence_refuse_change();
