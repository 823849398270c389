-- Issue 7 names the venue owner's role `venue_owner` (was `owner`).
ALTER TABLE users DROP CONSTRAINT users_role_check;
UPDATE users SET role = 'venue_owner' WHERE role = 'owner';
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'supervisor', 'grid_worker', 'venue_owner'));
