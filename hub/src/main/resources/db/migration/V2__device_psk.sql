-- Version of a device's DTLS pre-shared key. The key itself is never stored: the hub derives it
-- as HMAC-SHA256(hub PSK key, "firehub-psk|" + device_id + "|" + psk_version); rotating a
-- device's key bumps the version, which invalidates the old key.
ALTER TABLE devices ADD COLUMN psk_version INTEGER NOT NULL DEFAULT 1 CHECK (psk_version >= 1);
