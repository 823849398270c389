-- People (issue 7): grids with a leader, who works which grid, who owns which venue, user
-- details and disabling, sessions that say how they were opened, and an append-only
-- security audit trail.

CREATE TABLE grids (
    code           TEXT PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_-]{1,64}$'),
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- The grid's leader: overdue tickets of the grid escalate to this person, once.
    leader_user_id BIGINT REFERENCES users (id),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every grid a venue or a user already names becomes a grid (named by its code until renamed).
INSERT INTO grids (code, name)
SELECT grid, grid FROM venues
UNION
SELECT grid, grid FROM users WHERE grid IS NOT NULL AND grid ~ '^[A-Za-z0-9_-]{1,64}$';

-- A venue registered with a grid nobody created yet brings the grid with it, whatever code path
-- inserts it (REST, CSV import, the simulator); venues.grid then always names a real grid.
CREATE FUNCTION venues_ensure_grid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO grids (code, name) VALUES (NEW.grid, NEW.grid) ON CONFLICT (code) DO NOTHING;
    RETURN NEW;
END $$;
CREATE TRIGGER venues_ensure_grid BEFORE INSERT OR UPDATE OF grid ON venues
    FOR EACH ROW EXECUTE FUNCTION venues_ensure_grid();
ALTER TABLE venues ADD CONSTRAINT venues_grid_fk FOREIGN KEY (grid) REFERENCES grids (code);

-- Which grids a grid worker works (one or several). This, not users.grid, decides scope.
CREATE TABLE grid_members (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    grid    TEXT NOT NULL REFERENCES grids (code),
    PRIMARY KEY (user_id, grid)
);
CREATE INDEX grid_members_grid ON grid_members (grid);
INSERT INTO grid_members (user_id, grid)
SELECT id, grid FROM users WHERE grid IS NOT NULL AND role = 'grid_worker' AND grid ~ '^[A-Za-z0-9_-]{1,64}$';

-- Which venues a venue owner owns (an owner may have several shops; a venue several owners).
CREATE TABLE venue_owners (
    user_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    venue_id BIGINT NOT NULL REFERENCES venues (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, venue_id)
);
CREATE INDEX venue_owners_venue ON venue_owners (venue_id);

ALTER TABLE users
    ADD COLUMN display_name TEXT CHECK (length(display_name) BETWEEN 1 AND 100),
    ADD COLUMN phone        TEXT CHECK (phone ~ '^\+?[0-9 -]{3,32}$'),
    -- A disabled user cannot log in, and every session of theirs stops working at once.
    ADD COLUMN disabled     BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE sessions
    -- 'bearer': the token travels in Authorization; 'cookie': in the console's HttpOnly cookie,
    -- where every unsafe request must also carry the session's CSRF token.
    ADD COLUMN kind           TEXT NOT NULL DEFAULT 'bearer' CHECK (kind IN ('bearer', 'cookie')),
    -- SHA-256 of the CSRF token of a cookie session (NULL for bearer sessions).
    ADD COLUMN csrf_hash      BYTEA,
    ADD COLUMN source_address TEXT,
    ADD CHECK ((kind = 'cookie') = (csrf_hash IS NOT NULL));
CREATE INDEX sessions_user ON sessions (user_id);

-- Security-relevant actions (logins, refusals, throttling, logouts, revocations, user, grid and
-- ownership changes): who, when, what, on what, from where. Append-only like ticket_audit.
CREATE TABLE security_audit (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- NULL when nobody is signed in (a refused login names the attempted username in details).
    actor_user_id  BIGINT REFERENCES users (id),
    action         TEXT NOT NULL CHECK (action ~ '^[a-z][a-z_.]{0,63}$'),
    -- What it acted on: 'user:17', 'grid:G01', 'venue:3', 'session' ...
    subject        TEXT CHECK (length(subject) <= 200),
    source_address TEXT,
    details        JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX security_audit_at ON security_audit (at);
CREATE INDEX security_audit_actor ON security_audit (actor_user_id, id) WHERE actor_user_id IS NOT NULL;

CREATE FUNCTION security_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'security_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER security_audit_no_update_delete BEFORE UPDATE OR DELETE ON security_audit
    FOR EACH ROW EXECUTE FUNCTION security_audit_refuse_change();
CREATE TRIGGER security_audit_no_truncate BEFORE TRUNCATE ON security_audit
    FOR EACH STATEMENT EXECUTE FUNCTION security_audit_refuse_change();
