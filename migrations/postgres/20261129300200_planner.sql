-- The table planner, first step (issue 10): an event's tables, its rounds and its latest
-- plan. The plan is JSON: the tables' names, per round and table the registration ids seated
-- there, and the plan's quality figures.
CREATE TABLE planner_tables (
    id BIGSERIAL PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events(id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    capacity BIGINT NOT NULL CHECK (capacity > 0),
    min_size BIGINT NOT NULL DEFAULT 0 CHECK (min_size >= 0)
);
CREATE UNIQUE INDEX planner_tables_event_name ON planner_tables (event_id, name);
-- The number of networking rounds (until the programme names them).
CREATE TABLE planner_settings (
    event_id BIGINT PRIMARY KEY REFERENCES events(id),
    rounds BIGINT NOT NULL CHECK (rounds > 0)
);
CREATE TABLE planner_plans (
    event_id BIGINT PRIMARY KEY REFERENCES events(id),
    plan TEXT NOT NULL,
    runtime_ms BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
