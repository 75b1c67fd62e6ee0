-- Personal links: several live tokens per registration (a resend or a promotion adds one,
-- earlier links keep working), and when the last link mail was queued (resend rule).
-- registrations.manage_token_hash stays (as on SQLite, which cannot drop a UNIQUE column
-- without rebuilding the table): it keeps the first link's hash and is no longer read.
CREATE TABLE manage_tokens (
    token_hash TEXT PRIMARY KEY,
    registration_id BIGINT NOT NULL REFERENCES registrations(id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX manage_tokens_registration ON manage_tokens (registration_id);
INSERT INTO manage_tokens (token_hash, registration_id, created_at)
    SELECT manage_token_hash, id, updated_at FROM registrations;
ALTER TABLE registrations ADD COLUMN link_sent_at TIMESTAMPTZ;
