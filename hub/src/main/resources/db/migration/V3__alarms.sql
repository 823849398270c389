-- Alarms raised by rules (issue 6), their acknowledgement and comments.

CREATE TABLE alarms (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue_id        BIGINT NOT NULL REFERENCES venues (id),
    -- NULL for venue alarms (correlation rules). No ON DELETE CASCADE: an alarm is a safety
    -- record, and deleting a device must not erase its history.
    device_id       TEXT REFERENCES devices (device_id),
    rule_id         TEXT NOT NULL CHECK (length(rule_id) BETWEEN 1 AND 200),
    hazard          TEXT NOT NULL CHECK (length(hazard) BETWEEN 1 AND 64),
    severity        TEXT NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
    -- The venue's grid when raised: scoping and notification routing without a join.
    grid            TEXT NOT NULL,
    raised_at       TIMESTAMPTZ NOT NULL,
    cleared_at      TIMESTAMPTZ,
    clear_reason    TEXT,
    -- The readings (or event counts) that triggered it: {"gas_lel_pct": 31.0}
    trigger_values  JSONB NOT NULL DEFAULT '{}',
    reason          TEXT NOT NULL,
    repeats         INTEGER NOT NULL DEFAULT 0 CHECK (repeats >= 0),
    last_repeat_at  TIMESTAMPTZ,
    acknowledged_at TIMESTAMPTZ,
    acknowledged_by BIGINT REFERENCES users (id),
    CHECK (cleared_at IS NULL OR cleared_at >= raised_at),
    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);

-- At most one active alarm per (device or venue, rule), enforced here and not by callers: a
-- storm of repeats from many connections can never make a second row. Venue alarms have no
-- device; coalesce makes their NULL compare equal (PostgreSQL 14 has no NULLS NOT DISTINCT).
CREATE UNIQUE INDEX alarms_one_active
    ON alarms (venue_id, (coalesce(device_id, '')), rule_id) WHERE cleared_at IS NULL;

-- The list queries: active ones by grid (grid workers, the console), by venue, newest first.
CREATE INDEX alarms_active_grid ON alarms (grid, raised_at DESC) WHERE cleared_at IS NULL;
CREATE INDEX alarms_grid_raised ON alarms (grid, raised_at DESC);
CREATE INDEX alarms_venue_raised ON alarms (venue_id, raised_at DESC);
CREATE INDEX alarms_device_raised ON alarms (device_id, raised_at DESC) WHERE device_id IS NOT NULL;
CREATE INDEX alarms_raised ON alarms (raised_at DESC);

CREATE TABLE alarm_comments (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alarm_id   BIGINT NOT NULL REFERENCES alarms (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX alarm_comments_alarm ON alarm_comments (alarm_id, created_at);
