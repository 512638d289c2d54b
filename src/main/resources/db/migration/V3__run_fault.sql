-- The faults injected while a run was going on: part of the run's history, written by whoever injected them.
create table run_fault (
    id         bigserial   primary key,
    run_id     text        not null references generator_run (run_id),
    fault      text        not null,
    target     text,
    started_at timestamptz not null,
    ended_at   timestamptz not null check (ended_at >= started_at),
    report     jsonb       not null
);
create index run_fault_run on run_fault (run_id, started_at);
