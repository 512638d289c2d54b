-- The whole store of the lab: ground truth of generator runs, the append-only result and decision logs,
-- the aggregate state they project to, and the outbox that CDC streams to the read models.

-- Refuses every change to an append-only table.
create function forbid_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create function make_append_only(target regclass) returns void language plpgsql as $$
begin
    -- Statement-level, so even a change that matches no row is refused.
    execute format('create trigger %I before update or delete or truncate on %s '
                   'for each statement execute function forbid_change()',
                   target::text || '_append_only', target);
end
$$;

-- Ground truth ----------------------------------------------------------------------------------------

create table generator_run (
    run_id          text primary key,
    seed            bigint      not null,
    scenario        jsonb       not null,
    window_size_ms  bigint      not null check (window_size_ms > 0),
    base_event_time timestamptz not null,
    last_event_time timestamptz not null,
    state           text        not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    events_planned  integer     not null,
    events_sent     integer     not null default 0,
    originals       integer     not null,
    duplicates      integer     not null,
    replays         integer     not null,
    late            integer     not null,
    out_of_order    integer     not null,
    error           text,
    created_at      timestamptz not null default now(),
    finished_at     timestamptz
);

-- Every send of a run, in order, with what was injected: what no event on the topic carries.
create table truth_event (
    run_id         text        not null references generator_run,
    emission_index integer     not null,
    event_id       text        not null,
    business_key   text        not null,
    sequence       bigint      not null,
    amount         bigint      not null,
    event_time     timestamptz not null,
    kind           text        not null check (kind in ('ORIGINAL', 'DUPLICATE', 'REPLAY')),
    late           boolean     not null,
    lateness_ms    bigint      not null,
    out_of_order   boolean     not null,
    primary key (run_id, emission_index)
);
create index truth_event_key on truth_event (business_key);

-- The exact value of every window, computed from the distinct events of the run.
create table truth_window (
    run_id         text        not null references generator_run,
    business_key   text        not null,
    window_start   timestamptz not null,
    window_end     timestamptz not null,
    expected_value bigint      not null,
    expected_count integer     not null,
    primary key (run_id, business_key, window_start)
);
create index truth_window_key on truth_window (business_key, window_start);

select make_append_only('truth_event');
select make_append_only('truth_window');

-- Decision layer --------------------------------------------------------------------------------------

-- Every record consumed from lab.results, parsed or not; a Kafka record is logged once.
create table result_log (
    id                bigserial primary key,
    topic             text        not null,
    kafka_partition   integer     not null,
    kafka_offset      bigint      not null,
    received_at       timestamptz not null default clock_timestamp(),
    payload           text        not null,
    processing_engine text,
    business_key      text,
    window_start      timestamptz,
    parse_error       text,
    unique (topic, kafka_partition, kafka_offset)
);

-- Every decision with its reason and the window's state after it (unchanged state for a decision that
-- changed nothing); replaying it from the start rebuilds aggregate_state.
create table decision_log (
    id                   bigserial primary key,
    result_log_id        bigint      not null references result_log,
    processing_engine    text        not null check (processing_engine in ('KAFKA_ONLY', 'FLINK')),
    business_key         text        not null,
    window_start         timestamptz not null,
    window_end           timestamptz not null,
    run_id               text,
    decision             text        not null,
    reason               text        not null,
    confidence_before    text,
    confidence_after     text,
    version_before       bigint,
    version_after        bigint,
    calculated_value     bigint      not null,
    event_count          integer     not null,
    revision             integer     not null,
    incarnation          text        not null,
    checkpoint_id        bigint,
    last_checkpoint_time timestamptz,
    stale                boolean     not null,
    needs_reprocessing   boolean     not null,
    dropped_late_events  integer     not null,
    decided_at           timestamptz not null default clock_timestamp()
);
create index decision_log_window on decision_log (business_key, window_start, id);
create index decision_log_run on decision_log (run_id, id);

select make_append_only('result_log');
select make_append_only('decision_log');

-- Source of truth: the current value of every window per engine.
create table aggregate_state (
    processing_engine    text        not null check (processing_engine in ('KAFKA_ONLY', 'FLINK')),
    business_key         text        not null,
    window_start         timestamptz not null,
    window_end           timestamptz not null,
    run_id               text,
    calculated_value     bigint      not null,
    event_count          integer     not null,
    revision             integer     not null,
    incarnation          text        not null,
    checkpoint_id        bigint,
    last_checkpoint_time timestamptz,
    confidence_level     text        not null check (confidence_level in ('HIGH', 'EVENTUALLY_CONSISTENT', 'LOW')),
    stale                boolean     not null default false,
    needs_reprocessing   boolean     not null default false,
    dropped_late_events  integer     not null default 0,
    version              bigint      not null check (version > 0),
    updated_at           timestamptz not null,
    primary key (processing_engine, business_key, window_start)
);

create index aggregate_state_run on aggregate_state (run_id);
create index aggregate_state_key on aggregate_state (business_key, window_start);

create function version_increases() returns trigger language plpgsql as $$
begin
    if new.version <= old.version then
        raise exception 'aggregate_state version must increase: % -> %', old.version, new.version
            using errcode = 'check_violation';
    end if;
    return new;
end
$$;
create trigger aggregate_state_version before update on aggregate_state
    for each row execute function version_increases();

-- The read-model document of every change, streamed by CDC from the WAL.
create table outbox (
    id           bigserial primary key,
    aggregate_id text        not null,
    version      bigint      not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default clock_timestamp()
);
select make_append_only('outbox');

create publication lab_outbox for table outbox;
