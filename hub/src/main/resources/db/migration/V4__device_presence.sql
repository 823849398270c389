-- When each device was last heard from (hub clock), written by the rule engine in batches so
-- that supervision survives a restart: a device seen recently is not taken for silent, and a
-- silent one keeps its deadline. A device never seen has no row (its registration time counts).
CREATE TABLE device_presence (
    device_id    TEXT PRIMARY KEY REFERENCES devices (device_id) ON DELETE CASCADE,
    last_seen_at TIMESTAMPTZ NOT NULL
);
