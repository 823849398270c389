-- Outbound notifications (signed webhooks to SMS / WeCom gateways), one row per (notification,
-- webhook). A row is queued in the same commit as the fact it reports when the caller enqueues
-- inside its transaction, so a crash cannot lose it; the dispatcher leases due rows by setting
-- `claim` and pushing `next_attempt_at` past the request timeout (see org.firehub.notify.Outbox).
-- A 'dead' row is the dead-letter record: kept, with the last error, for an operator to see.
CREATE TABLE notification_outbox (
    id              BIGSERIAL   PRIMARY KEY,
    webhook         TEXT        NOT NULL,
    type            TEXT        NOT NULL,
    payload         JSONB       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    state           TEXT        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
    last_error      TEXT,
    delivered_at    TIMESTAMPTZ,
    claim           UUID,
    CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
);

-- The dispatcher's poll: due pending rows, oldest first. Delivered rows drop out of the index.
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE state = 'pending';
-- The admin view of dead letters.
CREATE INDEX notification_outbox_dead ON notification_outbox (id) WHERE state = 'dead';
