-- Registry: people, venues and devices.

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.@-]{1,64}$'),
    -- Argon2id encoded hash ($argon2id$v=19$m=...,t=...,p=...$salt$hash)
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'grid_worker', 'owner')),
    grid          TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Bearer tokens of people; only the SHA-256 of the token is stored.
CREATE TABLE sessions (
    token_hash BYTEA PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE venues (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    address    TEXT NOT NULL CHECK (length(address) BETWEEN 1 AND 500),
    type       TEXT NOT NULL CHECK (type ~ '^[a-z][a-z0-9_]{0,63}$'),
    grid       TEXT NOT NULL CHECK (grid ~ '^[A-Za-z0-9_-]{1,64}$'),
    -- Unguessable public token of the venue's QR code (>= 128 random bits, base64url).
    qr_token   TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX venues_grid ON venues (grid);

CREATE TABLE devices (
    device_id  TEXT PRIMARY KEY CHECK (device_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    kind       TEXT NOT NULL,
    venue_id   BIGINT NOT NULL REFERENCES venues (id),
    -- SHA-256 of the device's secret token (>= 128 random bits); the token itself is shown once.
    token_hash BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX devices_venue ON devices (venue_id);
