-- Check-in on the day (issue 10): when a confirmed person arrived; NULL until then.
ALTER TABLE registrations ADD COLUMN checked_in_at TEXT;
