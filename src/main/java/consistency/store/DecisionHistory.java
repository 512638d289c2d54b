package consistency.store;

import consistency.decision.Confidence;
import consistency.decision.DecisionKind;
import consistency.decision.WindowState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static consistency.store.StateRows.RESULT_COLUMNS;

/** Reads of the decision log, newest first. */
@ApplicationScoped
public class DecisionHistory {

    private static final String FILTER = "from decision_log d join result_log r on r.id = d.result_log_id "
            + "where ($1::text is null or d.business_key = $1) and ($2::text is null or d.processing_engine = $2) "
            + "and ($3::timestamptz is null or d.window_start = $3) and ($4::text is null or d.run_id = $4)";

    private final Pool pool;

    public DecisionHistory(Pool pool) {
        this.pool = pool;
    }

    /** Filters are optional (null: any); {@code resultKey} narrows to one window of one engine. */
    public record Filter(String businessKey, String engine, Instant windowStart, String runId) {
        Tuple tuple() {
            return Tuple.from(Arrays.asList(businessKey, engine, StateRows.utc(windowStart), runId));
        }
    }

    /** One logged decision with the window state after it and the Kafka record that caused it. */
    public record Entry(long id, DecisionKind decision, String reason, Confidence confidenceBefore,
                        Confidence confidenceAfter, Long versionBefore, long versionAfter, Instant decidedAt,
                        WindowState after, String topic, int partition, long offset) {
    }

    public record Page(long total, int page, int size, List<Entry> items) {
    }

    public Uni<Page> find(Filter filter, int page, int size) {
        Tuple params = filter.tuple();
        Uni<Long> total = pool.preparedQuery("select count(*) " + FILTER).execute(params)
                .map(rows -> rows.iterator().next().getLong(0));
        Tuple pageParams = filter.tuple().addInteger(size).addLong((long) page * size);
        Uni<List<Entry>> items = pool.preparedQuery("select d.id, d.decision, d.reason, d.confidence_before, "
                        + "d.confidence_after, d.version_before, d.version_after, d.decided_at, r.topic, r.kafka_partition, "
                        + "r.kafka_offset, " + prefixed(RESULT_COLUMNS) + " " + FILTER + " order by d.id desc limit $5 offset $6")
                .execute(pageParams)
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>(rows.size());
                    rows.forEach(r -> entries.add(entry(r)));
                    return entries;
                });
        return Uni.combine().all().unis(total, items).asTuple()
                .map(t -> new Page(t.getItem1(), page, size, t.getItem2()));
    }

    private static Entry entry(Row r) {
        Confidence after = Confidence.valueOf(r.getString("confidence_after"));
        String before = r.getString("confidence_before");
        WindowState state = StateRows.stateWith(r, after, r.getLong("version_after"), StateRows.instant(r, "decided_at"));
        return new Entry(r.getLong("id"), DecisionKind.valueOf(r.getString("decision")), r.getString("reason"),
                before == null ? null : Confidence.valueOf(before), after, r.getLong("version_before"),
                r.getLong("version_after"), StateRows.instant(r, "decided_at"), state, r.getString("topic"),
                r.getInteger("kafka_partition"), r.getLong("kafka_offset"));
    }

    private static String prefixed(String columns) {
        return String.join(", ", Arrays.stream(columns.split(", ")).map(c -> "d." + c).toList());
    }
}
