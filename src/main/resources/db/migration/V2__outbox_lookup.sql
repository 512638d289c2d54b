-- The contract measures a read model's lag from the commit time of the first version it lacks:
-- find an aggregate's outbox rows by version without scanning the table.
create index outbox_aggregate_version on outbox (aggregate_id, version);
-- /api/read-models looks at the windows changed recently.
create index aggregate_state_updated_at on aggregate_state (updated_at);
