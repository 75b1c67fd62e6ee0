-- Privacy: anonymous counts kept after an event's personal data is purged, and a log of
-- every purge and erasure (no personal data in either).
-- event_stats: per event, registration status, dimension ('org_type', 'sector', 'day')
-- and bucket (the code, or the day 'YYYY-MM-DD' in Brussels time), how many registrations.
CREATE TABLE event_stats (
    event_id INTEGER NOT NULL REFERENCES events(id),
    status TEXT NOT NULL,
    dimension TEXT NOT NULL,
    bucket TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (event_id, status, dimension, bucket)
);
-- kind: 'event' (automatic purge after the event) or 'person' (erasure on request).
CREATE TABLE purge_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id),
    kind TEXT NOT NULL CHECK (kind IN ('event', 'person')),
    registrations INTEGER NOT NULL,
    mails INTEGER NOT NULL,
    links INTEGER NOT NULL,
    purged_at TEXT NOT NULL
);
CREATE INDEX purge_log_event ON purge_log (event_id, id);
