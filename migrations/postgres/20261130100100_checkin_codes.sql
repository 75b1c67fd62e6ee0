-- Check-in by QR code (issue 10): every personal link has a check-in code derived from it
-- (see app/src/dayof/code.rs); only the code's SHA-256 is stored. NULL for links made before
-- this migration until the server fills them in at start.
ALTER TABLE manage_tokens ADD COLUMN checkin_hash TEXT;
CREATE UNIQUE INDEX manage_tokens_checkin ON manage_tokens (checkin_hash);
-- The check-in URL a mail's QR code shows (rendered as an inline PNG when it is sent).
ALTER TABLE outbox ADD COLUMN checkin_url TEXT;
