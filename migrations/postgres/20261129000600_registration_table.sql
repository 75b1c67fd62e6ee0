-- The coordinator's registration table (issue 8): sorting one event's registrations by
-- name, organisation or registration time reads an index instead of sorting the event.
CREATE INDEX registrations_event_name ON registrations (event_id, last_name, first_name, id);
CREATE INDEX registrations_event_org ON registrations (event_id, organisation, id);
CREATE INDEX registrations_event_created ON registrations (event_id, created_at, id);
