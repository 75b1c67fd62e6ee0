-- The table planner, first step (issue 10): an event's tables, its rounds and its latest
-- plan. The plan is JSON: the tables' names, per round and table the registration ids seated
-- there, and the plan's quality figures.
CREATE TABLE planner_tables (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    min_size INTEGER NOT NULL DEFAULT 0 CHECK (min_size >= 0)
);
CREATE UNIQUE INDEX planner_tables_event_name ON planner_tables (event_id, name);
-- The number of networking rounds (until the programme names them).
CREATE TABLE planner_settings (
    event_id INTEGER PRIMARY KEY REFERENCES events(id),
    rounds INTEGER NOT NULL CHECK (rounds > 0)
);
CREATE TABLE planner_plans (
    event_id INTEGER PRIMARY KEY REFERENCES events(id),
    plan TEXT NOT NULL,
    runtime_ms INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
