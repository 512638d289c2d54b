package consistency.generator;

import consistency.oracle.WindowTruth;
import consistency.wire.LabEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Generator runs and their ground truth in PostgreSQL. */
@ApplicationScoped
public class RunStore {

    private static final int BATCH = 1_000;
    private static final String RUN_COLUMNS = "run_id, seed, scenario, window_size_ms, base_event_time, last_event_time, state, "
            + "events_planned, events_sent, originals, duplicates, replays, late, out_of_order, error, created_at, finished_at";

    private final Pool pool;

    public RunStore(Pool pool) {
        this.pool = pool;
    }

    /** Records the run and its whole ground truth in one transaction, before the first event is sent. */
    public Uni<Void> insertRun(Scenario scenario, JsonObject scenarioJson, EventPlan plan, List<WindowTruth> windows) {
        EventPlan.Counts counts = plan.counts();
        return pool.withTransaction(conn -> conn.preparedQuery(
                        "insert into generator_run (run_id, seed, scenario, window_size_ms, base_event_time, "
                                + "last_event_time, closing_time, state, events_planned, originals, duplicates, replays, late, "
                                + "out_of_order) values ($1, $2, $3, $4, $5, $6, $7, 'RUNNING', $8, $9, $10, $11, $12, $13)")
                .execute(Tuple.from(List.of(plan.runId(), scenario.seed(), scenarioJson, scenario.windowSizeMs(),
                        utc(plan.baseEventTime()), utc(plan.lastEventTime()), utc(plan.closingTime()), counts.total(), counts.originals(),
                        counts.duplicates(), counts.replays(), counts.late(), counts.outOfOrder())))
                .chain(() -> insertEmissions(conn, plan))
                .chain(() -> insertWindows(conn, plan.runId(), windows)));
    }

    private Uni<Void> insertEmissions(SqlConnection conn, EventPlan plan) {
        List<Tuple> rows = new ArrayList<>(plan.emissions().size());
        for (Emission e : plan.emissions()) {
            LabEvent event = e.event();
            rows.add(Tuple.from(List.of(plan.runId(), e.index(), event.eventId(), event.businessKey(), event.sequence(),
                    event.amount(), utc(event.eventTime()), e.kind().name(), e.late(), e.latenessMs(), e.outOfOrder())));
        }
        return inBatches(conn, "insert into truth_event (run_id, emission_index, event_id, business_key, sequence, "
                + "amount, event_time, kind, late, lateness_ms, out_of_order) "
                + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", rows);
    }

    private Uni<Void> insertWindows(SqlConnection conn, String runId, List<WindowTruth> windows) {
        List<Tuple> rows = new ArrayList<>(windows.size());
        for (WindowTruth w : windows) {
            rows.add(Tuple.of(runId, w.businessKey(), utc(w.windowStart()), utc(w.windowEnd()), w.expectedValue(),
                    w.expectedCount()));
        }
        return inBatches(conn, "insert into truth_window (run_id, business_key, window_start, window_end, "
                + "expected_value, expected_count) values ($1, $2, $3, $4, $5, $6)", rows);
    }

    private static Uni<Void> inBatches(SqlConnection conn, String sql, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int batches = (rows.size() + BATCH - 1) / BATCH;
        return Multi.createFrom().range(0, batches)
                .onItem().transformToUniAndConcatenate(b -> conn.preparedQuery(sql)
                        .executeBatch(rows.subList(b * BATCH, Math.min(rows.size(), (b + 1) * BATCH))))
                .collect().last().replaceWithVoid();
    }

    /** The latest closing mark (for older runs: the newest event time) of any run sent or being sent. */
    public Uni<Optional<Instant>> eventTimeHorizon() {
        return pool.query("select max(coalesce(closing_time, last_event_time)) from generator_run").execute()
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0)).map(OffsetDateTime::toInstant));
    }

    public Uni<Void> progress(String runId, int eventsSent) {
        return pool.preparedQuery("update generator_run set events_sent = $2 where run_id = $1")
                .execute(Tuple.of(runId, eventsSent)).replaceWithVoid();
    }

    public Uni<Void> finish(String runId, int eventsSent, String error) {
        return pool.preparedQuery("update generator_run set events_sent = $2, state = $3, error = $4, "
                        + "finished_at = now() where run_id = $1")
                .execute(Tuple.of(runId, eventsSent, error == null ? "DONE" : "FAILED", error)).replaceWithVoid();
    }

    /** Runs left RUNNING by a service that stopped mid-run can never finish: say so. */
    public Uni<Integer> failInterrupted() {
        return pool.query("update generator_run set state = 'FAILED', finished_at = now(), "
                        + "error = 'the service stopped while the run was sending' where state = 'RUNNING'")
                .execute().map(RowSet::rowCount);
    }

    public Uni<Optional<RunStatus>> find(String runId) {
        return pool.preparedQuery("select " + RUN_COLUMNS + " from generator_run where run_id = $1")
                .execute(Tuple.of(runId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(status(rows.iterator().next())));
    }

    public Uni<List<RunStatus>> recent(int limit) {
        return pool.preparedQuery("select " + RUN_COLUMNS + " from generator_run order by created_at desc, run_id desc limit $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<RunStatus> runs = new ArrayList<>();
                    rows.forEach(row -> runs.add(status(row)));
                    return runs;
                });
    }

    public Uni<List<WindowTruth>> windows(String runId) {
        return pool.preparedQuery("select business_key, window_start, window_end, expected_value, expected_count "
                        + "from truth_window where run_id = $1 order by business_key, window_start")
                .execute(Tuple.of(runId))
                .map(rows -> {
                    List<WindowTruth> windows = new ArrayList<>();
                    rows.forEach(r -> windows.add(new WindowTruth(r.getString(0), instant(r, 1), instant(r, 2),
                            r.getLong(3), r.getInteger(4))));
                    return windows;
                });
    }

    /** Appends a fault to the run's history; answers it with its id. */
    public Uni<RunFault> insertFault(String runId, RunFault f) {
        return pool.preparedQuery("insert into run_fault (run_id, fault, target, started_at, ended_at, report) "
                        + "values ($1, $2, $3, $4, $5, $6) returning id")
                .execute(Tuple.from(Arrays.asList(runId, f.fault(), f.target(), utc(f.startedAt()), utc(f.endedAt()),
                        new JsonObject(f.report() == null ? Map.of() : f.report()))))
                .map(rows -> new RunFault(rows.iterator().next().getLong(0), f.fault(), f.target(), f.startedAt(),
                        f.endedAt(), f.report() == null ? Map.of() : f.report()));
    }

    /** The faults of a run, in the order they started. */
    public Uni<List<RunFault>> faults(String runId) {
        return pool.preparedQuery("select id, fault, target, started_at, ended_at, report from run_fault "
                        + "where run_id = $1 order by started_at, id")
                .execute(Tuple.of(runId))
                .map(rows -> {
                    List<RunFault> faults = new ArrayList<>();
                    rows.forEach(r -> faults.add(new RunFault(r.getLong(0), r.getString(1),
                            r.getString(2), instant(r, 3), instant(r, 4),
                            r.getJsonObject(5).getMap())));
                    return faults;
                });
    }

    private static RunStatus status(Row r) {
        return new RunStatus(r.getString("run_id"), r.getString("state"), r.getLong("seed"),
                r.getJsonObject("scenario").getMap(), r.getLong("window_size_ms"), instant(r, "base_event_time"), instant(r, "last_event_time"),
                r.getInteger("events_planned"), r.getInteger("events_sent"),
                new RunStatus.Injected(r.getInteger("originals"), r.getInteger("duplicates"), r.getInteger("replays"),
                        r.getInteger("late"), r.getInteger("out_of_order")),
                r.getString("error"), instant(r, "created_at"), instant(r, "finished_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }

    private static Instant instant(Row row, int column) {
        return row.getOffsetDateTime(column).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
