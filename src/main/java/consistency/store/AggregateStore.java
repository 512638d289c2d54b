package consistency.store;

import consistency.decision.WindowState;
import consistency.wire.WindowResult.Engine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static consistency.store.StateRows.RESULT_COLUMNS;
import static consistency.store.StateRows.STATE_COLUMNS;

/** Reads of aggregate_state, and its rebuild from the decision log. */
@ApplicationScoped
public class AggregateStore {

    /**
     * The projection of the decision log: for every window, the state written by its last writing decision.
     * Same columns, same order as aggregate_state.
     */
    static final String REPLAY = "select distinct on (processing_engine, business_key, window_start) " + RESULT_COLUMNS
            + ", confidence_after as confidence_level, version_after as version, decided_at as updated_at "
            + "from decision_log where version_before is null or version_after > version_before "
            + "order by processing_engine, business_key, window_start, id desc";

    private final Pool pool;

    public AggregateStore(Pool pool) {
        this.pool = pool;
    }

    /** Every window of a key, for one engine or (engine null) all, ordered by engine and window. */
    public Uni<List<WindowState>> windows(String businessKey, Engine engine) {
        return pool.preparedQuery("select " + STATE_COLUMNS + " from aggregate_state where business_key = $1 "
                        + "and ($2::text is null or processing_engine = $2) order by processing_engine, window_start")
                .execute(Tuple.of(businessKey, engine == null ? null : engine.name()))
                .map(AggregateStore::states);
    }

    public Uni<List<WindowState>> ofRun(String runId) {
        return pool.preparedQuery("select " + STATE_COLUMNS + " from aggregate_state where run_id = $1")
                .execute(Tuple.of(runId)).map(AggregateStore::states);
    }

    /** The current state of these windows, in the given order; windows PostgreSQL does not have are left out. */
    public Uni<List<WindowState>> byIdentity(List<WindowState> windows) {
        String[] engines = windows.stream().map(w -> w.processingEngine().name()).toArray(String[]::new);
        String[] keys = windows.stream().map(WindowState::businessKey).toArray(String[]::new);
        OffsetDateTime[] starts = windows.stream().map(w -> StateRows.utc(w.windowStart())).toArray(OffsetDateTime[]::new);
        return pool.preparedQuery("select " + STATE_COLUMNS + " from aggregate_state where (processing_engine, "
                        + "business_key, window_start) in (select * from unnest($1::text[], $2::text[], $3::timestamptz[]))")
                .execute(Tuple.of(engines, keys, starts)).map(rows -> {
                    Map<String, WindowState> byKey = new HashMap<>();
                    states(rows).forEach(s -> byKey.put(s.resultKey(), s));
                    return windows.stream().map(w -> byKey.get(w.resultKey())).filter(Objects::nonNull).toList();
                });
    }

    /** Windows whose state PostgreSQL changed at or after {@code since}. */
    public Uni<List<WindowState>> changedSince(Instant since) {
        return pool.preparedQuery("select " + STATE_COLUMNS + " from aggregate_state where updated_at >= $1")
                .execute(Tuple.of(StateRows.utc(since))).map(AggregateStore::states);
    }

    /** Windows whose stored state differs from the replay of the decision log (missing on either side included). */
    public Uni<Long> differencesFromDecisionLog() {
        String state = "(select " + STATE_COLUMNS + " from aggregate_state)";
        String replay = "(" + REPLAY + ")";
        return pool.query("select count(*) from ((" + state + " except " + replay + ") union all ("
                        + replay + " except " + state + ")) d")
                .execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** Replaces aggregate_state with the replay of the decision log, atomically; returns the number of windows. */
    public Uni<Integer> rebuildFromDecisionLog() {
        return pool.withTransaction(conn -> conn.query("lock table aggregate_state in exclusive mode").execute()
                .chain(() -> conn.query("delete from aggregate_state").execute())
                .chain(() -> conn.query("insert into aggregate_state (" + STATE_COLUMNS + ") " + REPLAY).execute())
                .map(RowSet::rowCount));
    }

    private static List<WindowState> states(RowSet<Row> rows) {
        List<WindowState> states = new ArrayList<>(rows.size());
        rows.forEach(r -> states.add(StateRows.state(r)));
        return states;
    }
}
