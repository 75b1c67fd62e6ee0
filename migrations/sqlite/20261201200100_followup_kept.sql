-- What the follow-up showed the coordinator, kept as anonymous counts when the privacy purge
-- removes the people (issue 10): how many were mailed and answered, per topic how many looked
-- for it, sat next to an offer and answered yes / partly / no, and the plan's needs-met
-- figure; as JSON, no registration ids or names.
CREATE TABLE followup_kept (
    event_id INTEGER PRIMARY KEY REFERENCES events(id),
    summary TEXT NOT NULL,
    kept_at TEXT NOT NULL
);
