-- Speakers' personal links (issue 9): only the SHA-256 hash of each link is stored; a
-- speaker may have several live links (every "send link" adds one). `mail_lang` is the
-- language of the last link mail, used for the mail about a changed session.
CREATE TABLE speaker_tokens (
    token_hash TEXT PRIMARY KEY,
    speaker_id BIGINT NOT NULL REFERENCES programme_speakers(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX speaker_tokens_speaker ON speaker_tokens (speaker_id);
ALTER TABLE programme_speakers ADD COLUMN mail_lang TEXT NOT NULL DEFAULT 'nl';
