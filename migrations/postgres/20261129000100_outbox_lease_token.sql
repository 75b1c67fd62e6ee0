-- Lease ownership for the outbox: a claim writes a random token next to `locked_until`;
-- only the worker holding that token may record the result.
ALTER TABLE outbox ADD COLUMN lease_token TEXT;
