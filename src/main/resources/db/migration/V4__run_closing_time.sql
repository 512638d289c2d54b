-- The event time of a run's closing progress mark: every window of the run ends before it, and the next run
-- starts no earlier, so the engines' clocks (advanced by that mark) never make the next run's first events late.
-- Null for runs recorded before progress marks existed.
alter table generator_run add column closing_time timestamptz check (closing_time > last_event_time);
