-- Account hardening (issue 17):
-- * sessions carry their coordinator, so a password change or reset can end every other
--   session of the account (backfilled from the stored session records);
-- * failed logins are throttled per (address tried, client address) instead of per account;
-- * the outbox keeps a mail's personal-link token apart from its bodies (which hold a
--   placeholder) and only until the mail is sent or fails for good; `link_kind` and
--   `link_owner` say which link to issue anew when a failed mail is retried.
ALTER TABLE sessions ADD COLUMN coordinator_id INTEGER;
UPDATE sessions SET coordinator_id = CAST(json_extract(data, '$.data.coordinator_id') AS INTEGER)
    WHERE json_valid(data);
CREATE INDEX sessions_coordinator ON sessions (coordinator_id);
CREATE TABLE login_throttle (
    email_hash TEXT NOT NULL,
    client TEXT NOT NULL,
    failures INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL,
    PRIMARY KEY (email_hash, client)
);
CREATE INDEX login_throttle_last ON login_throttle (last_failure_at);
ALTER TABLE outbox ADD COLUMN link_secret TEXT;
ALTER TABLE outbox ADD COLUMN link_kind TEXT;
ALTER TABLE outbox ADD COLUMN link_owner INTEGER;
