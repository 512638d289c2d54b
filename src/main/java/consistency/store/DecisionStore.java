package consistency.store;

import consistency.decision.Decision;
import consistency.decision.DecisionRules;
import consistency.decision.ResultPlausibility;
import consistency.decision.WindowState;
import consistency.outbox.OutboxWriter;
import consistency.wire.ResultCodec;
import consistency.wire.WindowResult;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static consistency.store.StateRows.RESULT_COLUMNS;
import static consistency.store.StateRows.STATE_COLUMNS;
import static consistency.store.StateRows.placeholders;
import static consistency.store.StateRows.utc;

/**
 * Applies one consumed result in one PostgreSQL transaction: result_log, decision_log, aggregate_state and
 * outbox together. A Kafka record already in result_log is not applied again. A result that cannot be read or
 * believed ({@link ResultPlausibility}) is only logged in result_log, with the reason as its parse_error.
 */
@ApplicationScoped
public class DecisionStore {

    static final String LOG_RESULT = "insert into result_log (topic, kafka_partition, kafka_offset, payload, "
            + "processing_engine, business_key, window_start, parse_error) values ($1, $2, $3, $4, $5, $6, $7, $8) "
            + "on conflict (topic, kafka_partition, kafka_offset) do nothing returning id";
    static final String LOCK_STATE = "select " + STATE_COLUMNS + " from aggregate_state "
            + "where processing_engine = $1 and business_key = $2 and window_start = $3 for update";
    static final String LOG_DECISION = "insert into decision_log (result_log_id, decision, reason, confidence_before, "
            + "confidence_after, version_before, version_after, decided_at, " + RESULT_COLUMNS + ") values ("
            + placeholders(1, 22) + ")";
    static final String WRITE_STATE = "insert into aggregate_state (" + STATE_COLUMNS + ") values ("
            + placeholders(1, 17) + ") on conflict (processing_engine, business_key, window_start) do update set "
            + String.join(", ", Arrays.stream(STATE_COLUMNS.split(", ")).skip(3).map(c -> c + " = excluded." + c).toList());
    static final String HIGHEST_CHECKPOINTS = "select processing_engine, max(checkpoint_id) from aggregate_state "
            + "group by processing_engine";

    private static final Logger LOG = Logger.getLogger(DecisionStore.class);

    private final Pool pool;
    private final DecisionRules rules = new DecisionRules();
    private final ResultPlausibility plausibility;
    /** Per engine, the highest checkpoint id of a believed result: read from aggregate_state once, then kept here. */
    private volatile Map<WindowResult.Engine, Long> highestCheckpoints;

    public DecisionStore(Pool pool, @ConfigProperty(name = "lab.window.size-ms") long windowSizeMs,
                         @ConfigProperty(name = "lab.decision.max-checkpoint-jump") long maxCheckpointJump,
                         @ConfigProperty(name = "lab.limits.time-range") Duration timeRange) {
        this.pool = pool;
        this.plausibility = new ResultPlausibility(windowSizeMs, maxCheckpointJump, timeRange);
    }

    private Uni<Map<WindowResult.Engine, Long>> highestCheckpoints() {
        Map<WindowResult.Engine, Long> known = highestCheckpoints;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return pool.query(HIGHEST_CHECKPOINTS).execute().map(rows -> {
            Map<WindowResult.Engine, Long> highest = new EnumMap<>(WindowResult.Engine.class);
            rows.forEach(row -> highest.put(WindowResult.Engine.valueOf(row.getString(0)),
                    row.getLong(1) == null ? 0 : row.getLong(1)));
            synchronized (this) {
                if (highestCheckpoints == null) {
                    highestCheckpoints = highest;
                }
                return highestCheckpoints;
            }
        });
    }

    /** Where a result was read from, and its bytes. */
    public record Consumed(String topic, int partition, long offset, String payload) {
    }

    /**
     * @return the decision, empty when the record was already applied or could not be read or believed (then it is
     * logged in result_log with the reason)
     */
    public Uni<Optional<Decision>> apply(Consumed record) {
        WindowResult parsed;
        try {
            parsed = ResultCodec.decode(record.payload());
        } catch (IllegalArgumentException e) {
            return reject(record, e.getMessage());
        }
        return highestCheckpoints().chain(highest -> {
            Optional<String> implausible;
            synchronized (highest) {
                implausible = plausibility.implausible(parsed, highest.getOrDefault(parsed.processingEngine(), 0L),
                        Instant.now());
                if (implausible.isEmpty() && parsed.checkpointId() != null) {
                    highest.merge(parsed.processingEngine(), parsed.checkpointId(), Math::max);
                }
            }
            if (implausible.isPresent()) {
                LOG.warnf("Result %s-%d@%d rejected, not decided on: %s", record.topic(), record.partition(),
                        record.offset(), implausible.get());
                return reject(record, "implausible result: " + implausible.get());
            }
            return decide(record, parsed);
        });
    }

    /**
     * Logs a record that is not decided on in result_log, with why; its payload and reason made storable, so a
     * record PostgreSQL would refuse is logged all the same. Empty: there is no decision.
     */
    public Uni<Optional<Decision>> reject(Consumed record, String reason) {
        Consumed storable = new Consumed(record.topic(), record.partition(), record.offset(),
                DatabaseFailures.storable(record.payload()));
        return pool.preparedQuery(LOG_RESULT)
                .execute(Tuple.from(resultLogValues(storable, null, DatabaseFailures.storable(reason))))
                .replaceWith(Optional.empty());
    }

    private Uni<Optional<Decision>> decide(Consumed record, WindowResult parsed) {
        Tuple logRow = Tuple.from(resultLogValues(record, parsed, null));
        return pool.withTransaction(conn -> Uni.combine().all()
                .unis(conn.preparedQuery(LOG_RESULT).execute(logRow), conn.preparedQuery(LOCK_STATE).execute(
                        Tuple.of(parsed.processingEngine().name(), parsed.businessKey(), utc(parsed.windowStart()))))
                .asTuple()
                .chain(logAndState -> {
                    RowSet<Row> logged = logAndState.getItem1();
                    if (logged.size() == 0) {
                        return Uni.createFrom().item(Optional.<Decision>empty());
                    }
                    RowSet<Row> state = logAndState.getItem2();
                    WindowState stored = state.size() == 0 ? null : StateRows.state(state.iterator().next());
                    return decide(conn, logged.iterator().next().getLong(0), stored, parsed).map(Optional::of);
                }));
    }

    /**
     * Statements that do not depend on each other's answers are issued together, so the connection pipelines
     * them: two round trips per result besides BEGIN and COMMIT.
     */
    private Uni<Decision> decide(SqlConnection conn, long resultLogId, WindowState stored, WindowResult result) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Decision decision = rules.decide(stored, result, now);
        Uni<RowSet<Row>> logged = conn.preparedQuery(LOG_DECISION).execute(Tuple.from(decisionValues(resultLogId, decision, now)));
        if (!decision.kind().writes()) {
            return logged.replaceWith(decision);
        }
        return Uni.combine().all().unis(logged,
                        conn.preparedQuery(WRITE_STATE).execute(Tuple.from(StateRows.stateValues(decision.after()))),
                        OutboxWriter.write(conn, decision))
                .discardItems().replaceWith(decision);
    }

    // The parameters of each statement, shared with the plain-JDBC baseline of the decision benchmark.

    static List<Object> resultLogValues(Consumed record, WindowResult parsed, String parseError) {
        return Arrays.asList(record.topic(), record.partition(), record.offset(), record.payload(),
                parsed == null ? null : parsed.processingEngine().name(), parsed == null ? null : parsed.businessKey(),
                parsed == null ? null : utc(parsed.windowStart()), parseError);
    }

    static List<Object> decisionValues(long resultLogId, Decision d, Instant now) {
        WindowState after = d.after();
        List<Object> values = new ArrayList<>(22);
        values.addAll(Arrays.asList(resultLogId, d.kind().name(), d.reason(),
                d.confidenceBefore() == null ? null : d.confidenceBefore().name(), after.confidence().name(),
                d.before() == null ? null : d.before().version(), after.version(), utc(now)));
        values.addAll(StateRows.resultValues(after));
        return values;
    }
}
