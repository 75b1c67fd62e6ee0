-- Speakers' photos (issue 9): the speaker's upload, re-encoded on the server (JPEG, at
-- most 400x400, no metadata), one per speaker, deleted with the speaker. `hash` (the
-- first 16 hex digits of the bytes' SHA-256) names the served file, so it can be cached
-- for good; `width` and `height` go into the page's <img>.
CREATE TABLE speaker_photos (
    speaker_id BIGINT PRIMARY KEY REFERENCES programme_speakers(id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    hash TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
