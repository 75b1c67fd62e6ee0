-- Coordinator accounts, their single-use password tokens (invitation and reset: only the
-- SHA-256 of the token is stored) and the server-side sessions (tower-sessions records,
-- shared by every server instance on this database).
CREATE TABLE coordinators (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    password_set_at TIMESTAMPTZ,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    failed_since TIMESTAMPTZ
);
CREATE TABLE password_tokens (
    token_hash TEXT PRIMARY KEY,
    coordinator_id BIGINT NOT NULL REFERENCES coordinators(id),
    purpose TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX password_tokens_coordinator ON password_tokens (coordinator_id);
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);
