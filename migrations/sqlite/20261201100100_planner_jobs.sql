-- Planning runs off the request path (issue 10): a job per run of the engine (a plan, or the
-- day-of re-plan of the remaining rounds) with its time budget, when it started and ended,
-- and how it ended: the planner page's notice as a query string, or the error shown. At most
-- one unfinished job per event (the partial unique index); any server instance can report it.
CREATE TABLE planner_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id),
    kind TEXT NOT NULL CHECK (kind IN ('plan', 'replan')),
    budget_ms INTEGER NOT NULL CHECK (budget_ms > 0),
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT,
    error TEXT
);
CREATE UNIQUE INDEX planner_jobs_one_running ON planner_jobs (event_id) WHERE finished_at IS NULL;
