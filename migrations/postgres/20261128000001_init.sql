-- Events, registrations and the mail outbox (PostgreSQL). Times are UTC.
CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    programme TEXT NOT NULL,
    venue_name TEXT NOT NULL,
    venue_address TEXT NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL,
    capacity BIGINT NOT NULL CHECK (capacity >= 0),
    registration_opens_at TIMESTAMPTZ NOT NULL,
    registration_closes_at TIMESTAMPTZ NOT NULL,
    organiser_name TEXT NOT NULL,
    organiser_email TEXT NOT NULL,
    topics TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE registrations (
    id BIGSERIAL PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events(id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    email_norm TEXT NOT NULL,
    organisation TEXT NOT NULL,
    org_type TEXT NOT NULL,
    sector TEXT NOT NULL,
    phone TEXT,
    offers TEXT NOT NULL,
    needs TEXT NOT NULL,
    lang TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    manage_token_hash TEXT NOT NULL UNIQUE,
    email_confirmed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    cancelled_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX registrations_one_active_per_email
    ON registrations (event_id, email_norm) WHERE status <> 'cancelled';
CREATE INDEX registrations_event_status ON registrations (event_id, status, id);

CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    registration_id BIGINT REFERENCES registrations(id),
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    ics TEXT,
    message_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ,
    sent_at TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
