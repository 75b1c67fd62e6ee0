-- The follow-up after the event (issue 10): whether a person agreed to share their name,
-- organisation and e-mail address with the people at their tables (off unless ticked), the
-- follow-up mail sent to a person (at most once: the primary key; only the SHA-256 of the
-- answer link's token is stored) and their answers per need (yes / partly / no).
ALTER TABLE registrations ADD COLUMN share_contact BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE followup_sent (
    registration_id INTEGER PRIMARY KEY REFERENCES registrations(id),
    event_id INTEGER NOT NULL REFERENCES events(id),
    token_hash TEXT NOT NULL UNIQUE,
    sent_at TEXT NOT NULL
);
CREATE INDEX followup_sent_event ON followup_sent (event_id);
CREATE TABLE followup_answers (
    registration_id INTEGER NOT NULL REFERENCES registrations(id),
    topic TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'partly', 'no')),
    answered_at TEXT NOT NULL,
    PRIMARY KEY (registration_id, topic)
);
