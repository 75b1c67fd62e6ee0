-- Coordinator accounts, their single-use password tokens (invitation and reset: only the
-- SHA-256 of the token is stored) and the server-side sessions (tower-sessions records,
-- shared by every server instance on this database).
CREATE TABLE coordinators (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    created_at TEXT NOT NULL,
    password_set_at TEXT,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    failed_since TEXT
);
CREATE TABLE password_tokens (
    token_hash TEXT PRIMARY KEY,
    coordinator_id INTEGER NOT NULL REFERENCES coordinators(id),
    purpose TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX password_tokens_coordinator ON password_tokens (coordinator_id);
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);
