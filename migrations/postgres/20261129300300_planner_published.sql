-- Published seats (issue 10): after the coordinator publishes a plan, each confirmed person's
-- table per round, which their manage page and agenda show. Publishing again replaces the
-- event's rows; those whose tables changed get a mail.
CREATE TABLE planner_seats (
    event_id BIGINT NOT NULL REFERENCES events(id),
    registration_id BIGINT NOT NULL REFERENCES registrations(id),
    round BIGINT NOT NULL CHECK (round > 0),
    table_name TEXT NOT NULL,
    PRIMARY KEY (registration_id, round)
);
CREATE INDEX planner_seats_event ON planner_seats (event_id);
CREATE TABLE planner_published (
    event_id BIGINT PRIMARY KEY REFERENCES events(id),
    published_at TIMESTAMPTZ NOT NULL
);
