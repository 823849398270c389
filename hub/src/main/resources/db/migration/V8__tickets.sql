-- Hazard tickets (issue 7): the closed loop found -> dispatched -> rectified -> verified -> closed,
-- and its append-only audit trail.

-- Orders severities for "the higher of the two" inside one upsert statement.
CREATE FUNCTION ticket_severity_rank(severity TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT CASE severity WHEN 'minor' THEN 1 WHEN 'major' THEN 2 WHEN 'critical' THEN 3 END $$;

CREATE TABLE tickets (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue_id         BIGINT NOT NULL REFERENCES venues (id),
    -- NULL for venue-level hazards (correlation rules, patrol findings, resident reports).
    device_id        TEXT REFERENCES devices (device_id),
    hazard           TEXT NOT NULL CHECK (length(hazard) BETWEEN 1 AND 64),
    severity         TEXT NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
    state            TEXT NOT NULL DEFAULT 'OPEN'
                     CHECK (state IN ('OPEN', 'DISPATCHED', 'RECTIFYING', 'SUBMITTED', 'CLOSED', 'CANCELLED')),
    source           TEXT NOT NULL CHECK (source IN ('device_rule', 'patrol', 'resident_report')),
    -- The alarm that opened it (device rules); later alarms only count occurrences.
    alarm_id         BIGINT REFERENCES alarms (id),
    assignee_user_id BIGINT REFERENCES users (id),
    -- When rectification is due: set from the severity's policy at creation, tightened when a
    -- more severe occurrence arrives, possibly set explicitly at dispatch.
    deadline         TIMESTAMPTZ NOT NULL,
    -- When a submitted rectification must be verified (N working days after submission).
    verify_by        TIMESTAMPTZ,
    occurrences      INTEGER NOT NULL DEFAULT 1 CHECK (occurrences >= 1),
    first_seen_at    TIMESTAMPTZ NOT NULL,
    last_seen_at     TIMESTAMPTZ NOT NULL,
    -- NULL when the system (a device rule) or a resident opened it.
    created_by       BIGINT REFERENCES users (id),
    created_at       TIMESTAMPTZ NOT NULL,
    dispatched_at    TIMESTAMPTZ,
    submitted_at     TIMESTAMPTZ,
    closed_at        TIMESTAMPTZ,
    -- Optimistic concurrency: every change increments it; a transition names the version it saw.
    version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    -- Escalation to the grid's leader happens once (next session's job sets these).
    escalated_at     TIMESTAMPTZ,
    escalated_to     BIGINT REFERENCES users (id),
    CHECK (last_seen_at >= first_seen_at),
    CHECK ((closed_at IS NOT NULL) = (state IN ('CLOSED', 'CANCELLED'))),
    CHECK (state IN ('OPEN', 'CANCELLED') OR assignee_user_id IS NOT NULL),
    CHECK (state <> 'SUBMITTED' OR verify_by IS NOT NULL)
);

-- One open ticket per (venue, device or venue-level, hazard), enforced here and not by callers:
-- a storm of alarms from many connections can never make a second one. Venue-level tickets
-- have no device; coalesce makes their NULL compare equal.
CREATE UNIQUE INDEX tickets_one_open
    ON tickets (venue_id, (coalesce(device_id, '')), hazard) WHERE state NOT IN ('CLOSED', 'CANCELLED');

CREATE INDEX tickets_open_state ON tickets (state, deadline) WHERE state NOT IN ('CLOSED', 'CANCELLED');
CREATE INDEX tickets_venue ON tickets (venue_id, id DESC);
CREATE INDEX tickets_assignee ON tickets (assignee_user_id, id DESC) WHERE assignee_user_id IS NOT NULL;
CREATE INDEX tickets_created ON tickets (created_at);
CREATE INDEX tickets_closed ON tickets (closed_at) WHERE closed_at IS NOT NULL;

-- Who did what to a ticket, when, from where: an investigator's record after a fire.
CREATE TABLE ticket_audit (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id      BIGINT NOT NULL REFERENCES tickets (id),
    at             TIMESTAMPTZ NOT NULL,
    -- NULL = the system (device rules) or an anonymous resident (actor_role says which).
    actor_user_id  BIGINT REFERENCES users (id),
    actor_role     TEXT NOT NULL CHECK (actor_role IN ('admin', 'supervisor', 'grid_worker', 'venue_owner', 'system', 'resident')),
    action         TEXT NOT NULL CHECK (action ~ '^[a-z][a-z_]{0,31}$'),
    from_state     TEXT,
    to_state       TEXT,
    note           TEXT CHECK (length(note) <= 4000),
    source_address TEXT,
    -- Facts of the action: assignee, deadline, alarm id, severity change, evidence ids, ...
    details        JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_audit_ticket ON ticket_audit (ticket_id, id);

-- Append-only, refused by the database itself: not even a bug or a hand-typed statement in
-- psql can rewrite history. (A superuser can still drop the trigger; that is DDL, and visible.)
CREATE FUNCTION ticket_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ticket_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER ticket_audit_no_update_delete BEFORE UPDATE OR DELETE ON ticket_audit
    FOR EACH ROW EXECUTE FUNCTION ticket_audit_refuse_change();
CREATE TRIGGER ticket_audit_no_truncate BEFORE TRUNCATE ON ticket_audit
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_audit_refuse_change();
