-- The table planner's tables one by one (issue 10): each table may have a host (a confirmed
-- registration of the event, seated there in every round) and a theme shown in the chart
-- and on the table cards. A confirmed person can be left out of the networking tables.
ALTER TABLE planner_tables ADD COLUMN host_registration_id INTEGER;
ALTER TABLE planner_tables ADD COLUMN theme TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN at_tables BOOLEAN NOT NULL DEFAULT TRUE;
