-- Events edited by coordinators: a published flag (existing events stay published) and the
-- organisation types and sectors the registration form offers (comma-separated codes; empty
-- means every one, which is what existing events keep).
ALTER TABLE events ADD COLUMN published BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE events ADD COLUMN org_types TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN sectors TEXT NOT NULL DEFAULT '';
