package consistency.processing;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Drops every event whose {@code event_id} this key has already seen (at-least-once duplicates and producer
 * replays carry the same id), keyed by {@code business_key}.
 *
 * <p>The seen ids live in keyed state with a time-to-live of {@code dedup-ttl-ms} of <em>processing time</em>,
 * counted from the first arrival of the id (a duplicate does not extend it). Within that horizon a duplicate is
 * recognised whatever its event time, also when its window is already closed, so a late duplicate is neither
 * counted twice nor reported as a dropped late event. A duplicate arriving after the horizon is treated as a new
 * event: counted again if its window is still open (within allowed lateness), or dead-lettered and reported as a
 * dropped late event of its window if it is not. The TTL must therefore exceed the longest delay between an
 * event and its duplicate (default 10 min against 45 s of allowed lateness). Checkpoints keep the ids and their
 * timestamps; a job that stays down longer than the TTL forgets them on restore.
 */
public class Deduplicator extends KeyedProcessFunction<String, ParsedEvent, ParsedEvent> {

    private final long ttlMs;

    private transient MapState<String, Boolean> seen;
    private transient Counter duplicates;

    public Deduplicator(long ttlMs) {
        if (ttlMs <= 0) {
            throw new IllegalArgumentException("dedup TTL must be positive");
        }
        this.ttlMs = ttlMs;
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofMillis(ttlMs))
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .cleanupFullSnapshot()
                .cleanupIncrementally(10, false)
                .cleanupInRocksdbCompactFilter(1000)
                .build();
        MapStateDescriptor<String, Boolean> descriptor = new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
        descriptor.enableTimeToLive(ttl);
        seen = getRuntimeContext().getMapState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
    }

    @Override
    public void processElement(ParsedEvent parsed, Context ctx, Collector<ParsedEvent> out) throws Exception {
        String eventId = parsed.event().eventId();
        if (seen.contains(eventId)) {
            duplicates.inc();
            return;
        }
        seen.put(eventId, Boolean.TRUE);
        out.collect(parsed);
    }
}
