-- The programme of an event (issue 9): sessions, speakers (with a private contact address
-- that never reaches the public agenda) and which speaker is in which session. `sequence`
-- counts a session's changes for calendar subscribers (iCalendar SEQUENCE). Times are UTC.
CREATE TABLE programme_sessions (
    id BIGSERIAL PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('welcome', 'talk', 'panel', 'networking', 'break', 'closing', 'other')),
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL,
    room TEXT NOT NULL,
    position BIGINT NOT NULL,
    sequence BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX programme_sessions_event ON programme_sessions (event_id, starts_at);

CREATE TABLE programme_speakers (
    id BIGSERIAL PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation TEXT NOT NULL,
    bio TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX programme_speakers_event ON programme_speakers (event_id);

CREATE TABLE programme_session_speakers (
    session_id BIGINT NOT NULL REFERENCES programme_sessions(id) ON DELETE CASCADE,
    speaker_id BIGINT NOT NULL REFERENCES programme_speakers(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    PRIMARY KEY (session_id, speaker_id)
);

-- Per event: whether the times are only illustrative (the demo) and when the programme
-- last changed (the feed's LAST-MODIFIED).
CREATE TABLE programmes (
    event_id BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    times_illustrative BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMPTZ NOT NULL
);
