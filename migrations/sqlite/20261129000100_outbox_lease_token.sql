-- Lease ownership for the outbox: a claim writes a random token next to `locked_until`;
-- only the worker holding that token may record the result.
ALTER TABLE outbox ADD COLUMN lease_token TEXT;
-- The claim's whole condition in the index: finding due mails reads no table rows (on SQLite
-- `locked_until` sits behind the large body columns, so reading it walks overflow pages).
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at, locked_until);
