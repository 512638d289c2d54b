package consistency.processing;

import consistency.wire.LabEvent;
import consistency.wire.WindowResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Tumbling event-time windows per {@code business_key} with allowed lateness and revisions, on de-duplicated
 * events. Window {@code [start, start + size)} holds the events whose {@code event_time} falls in it; its result
 * is the sum of their amounts and their number.
 *
 * <ul>
 *   <li><b>Firing.</b> When the watermark passes the window's last millisecond ({@code end - 1}) the window
 *       emits revision 1.</li>
 *   <li><b>Late within allowed lateness.</b> An event for a window that already fired, while the watermark is
 *       below {@code end - 1 + allowedLateness}, is added and the window is emitted again at once with
 *       revision + 1 and {@code late_update = true}.</li>
 *   <li><b>Too late.</b> Once the watermark reaches {@code end - 1 + allowedLateness} the window is closed (the
 *       same rule as Flink's window operator). A later event is not counted: it goes to the {@link #TOO_LATE}
 *       side output (and on to the dead-letter topic), and the window is emitted again with revision + 1, the
 *       same value and count, {@code dropped_late_events} + 1 and {@code late_update = true}, so the loss is
 *       visible downstream. To do that the summary of a closed window is kept for {@code closedRetentionMs} of
 *       processing time after its last change; a too-late event for a window with no summary (it never had an
 *       event, or was forgotten) yields a result with value 0, count 0, revision 1 and the dropped count.</li>
 * </ul>
 *
 * <p>Revisions, aggregates and the dropped count are keyed state, so a job restored from a checkpoint emits
 * exactly the revisions the failed attempt would have emitted after that checkpoint (only the incarnation and
 * the checkpoint fields differ).
 *
 * <p><b>Checkpoint fields.</b> Every result carries the id and time of the last checkpoint this subtask knows to
 * be complete: the id comes from {@link #notifyCheckpointComplete}, the time is that checkpoint's own timestamp
 * (when it was taken), remembered from {@link #snapshotState}. Before the first completed checkpoint both are
 * null. After a restore they are the restored checkpoint's id and time until the next checkpoint completes. A
 * result committed by the exactly-once sink with checkpoint N carries at most N - 1, and anything emitted after a
 * restore from N carries at least N, so the id never goes backwards for a key across restarts.
 */
public class WindowAggregator extends KeyedProcessFunction<String, ParsedEvent, WindowResult>
        implements CheckpointedFunction, CheckpointListener {

    public static final OutputTag<DeadLetter> TOO_LATE = new OutputTag<>("too-late-events") {
    };

    /** Snapshots this subtask took that it has not yet seen complete; bounded in case notifications are lost. */
    private static final int MAX_PENDING_CHECKPOINTS = 64;

    private final long windowSizeMs;
    private final long allowedLatenessMs;
    private final long closedRetentionMs;

    private transient MapState<Long, WindowAccumulator> openWindows;
    private transient MapState<Long, WindowAccumulator> closedWindows;
    private transient ListState<CheckpointMark> checkpointMarks;
    private transient NavigableMap<Long, Long> pendingCheckpoints;
    private transient Long lastCheckpointId;
    private transient Long lastCheckpointTime;
    private transient Long restoredCheckpointId;
    private transient String incarnation;
    private transient Counter lateUpdates;
    private transient Counter droppedLateEvents;

    public WindowAggregator(long windowSizeMs, long allowedLatenessMs, long closedRetentionMs) {
        if (windowSizeMs <= 0 || allowedLatenessMs < 0 || closedRetentionMs <= 0) {
            throw new IllegalArgumentException("window size and retention must be positive, allowed lateness >= 0");
        }
        this.windowSizeMs = windowSizeMs;
        this.allowedLatenessMs = allowedLatenessMs;
        this.closedRetentionMs = closedRetentionMs;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        pendingCheckpoints = new TreeMap<>();
        checkpointMarks = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("last-checkpoint", TypeInformation.of(CheckpointMark.class)));
        OptionalLong restored = context.getRestoredCheckpointId();
        if (context.isRestored() && restored.isPresent()) {
            restoredCheckpointId = restored.getAsLong();
            lastCheckpointId = restoredCheckpointId;
            for (CheckpointMark mark : checkpointMarks.get()) {
                if (mark.checkpointId() == restoredCheckpointId) {
                    lastCheckpointTime = mark.timestamp();
                }
            }
        }
    }

    @Override
    public void open(OpenContext openContext) {
        openWindows = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("open-windows", Types.LONG, TypeInformation.of(WindowAccumulator.class)));
        MapStateDescriptor<Long, WindowAccumulator> closed =
                new MapStateDescriptor<>("closed-windows", Types.LONG, TypeInformation.of(WindowAccumulator.class));
        closed.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(closedRetentionMs))
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .cleanupFullSnapshot()
                .cleanupIncrementally(10, false)
                .cleanupInRocksdbCompactFilter(1000)
                .build());
        closedWindows = getRuntimeContext().getMapState(closed);
        incarnation = Incarnation.of(getRuntimeContext(), restoredCheckpointId);
        lateUpdates = getRuntimeContext().getMetricGroup().counter("lateUpdates");
        droppedLateEvents = getRuntimeContext().getMetricGroup().counter("droppedLateEvents");
    }

    @Override
    public void processElement(ParsedEvent parsed, Context ctx, Collector<WindowResult> out) throws Exception {
        LabEvent event = parsed.event();
        long start = windowStart(parsed.eventTimeMs());
        long maxTimestamp = start + windowSizeMs - 1;
        long watermark = ctx.timerService().currentWatermark();

        if (maxTimestamp + allowedLatenessMs <= watermark) {
            tooLate(parsed, start, watermark, ctx, out);
            return;
        }
        WindowAccumulator window = openWindows.get(start);
        if (window == null) {
            window = new WindowAccumulator(event.runId());
            ctx.timerService().registerEventTimeTimer(maxTimestamp + allowedLatenessMs);
            if (maxTimestamp > watermark) {
                ctx.timerService().registerEventTimeTimer(maxTimestamp);
            }
        }
        window.sum += event.amount();
        window.count++;
        if (maxTimestamp <= watermark) {
            // The window's end has passed: this event is late, but within allowed lateness.
            window.fired = true;
            window.revision++;
            lateUpdates.inc();
            emit(ctx.getCurrentKey(), start, window, true, ctx, out);
        }
        openWindows.put(start, window);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowResult> out) throws Exception {
        long firing = timestamp + 1 - windowSizeMs;
        WindowAccumulator window = openWindows.get(firing);
        if (window != null && !window.fired) {
            fire(firing, window, ctx, out);
            openWindows.put(firing, window);
        }
        long closing = firing - allowedLatenessMs;
        WindowAccumulator done = openWindows.get(closing);
        if (done != null) {
            if (!done.fired) {
                fire(closing, done, ctx, out);
            }
            openWindows.remove(closing);
            closedWindows.put(closing, done);
        }
    }

    private void fire(long start, WindowAccumulator window, Context ctx, Collector<WindowResult> out) {
        window.fired = true;
        window.revision++;
        emit(ctx.getCurrentKey(), start, window, false, ctx, out);
    }

    private void tooLate(ParsedEvent parsed, long start, long watermark, Context ctx, Collector<WindowResult> out)
            throws Exception {
        LabEvent event = parsed.event();
        droppedLateEvents.inc();
        ctx.output(TOO_LATE, new DeadLetter(parsed.raw(), DeadLetter.Kind.TOO_LATE,
                "beyond allowed lateness: event_time %s of event %s is in window [%s, %s), closed since the watermark reached %s (allowed lateness %d ms); watermark %s"
                        .formatted(event.eventTime(), event.eventId(), Instant.ofEpochMilli(start),
                                Instant.ofEpochMilli(start + windowSizeMs),
                                Instant.ofEpochMilli(start + windowSizeMs - 1 + allowedLatenessMs), allowedLatenessMs,
                                Instant.ofEpochMilli(watermark)),
                incarnation));
        WindowAccumulator window = closedWindows.get(start);
        if (window == null) {
            window = new WindowAccumulator(event.runId());
            window.fired = true;
        }
        window.dropped++;
        window.revision++;
        closedWindows.put(start, window);
        emit(ctx.getCurrentKey(), start, window, true, ctx, out);
    }

    private void emit(String key, long start, WindowAccumulator window, boolean lateUpdate, Context ctx,
                      Collector<WindowResult> out) {
        out.collect(new WindowResult(WindowResult.Engine.FLINK, key, Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(start + windowSizeMs), window.sum, window.count, window.revision, incarnation,
                lastCheckpointTime == null ? null : Instant.ofEpochMilli(lastCheckpointTime), lastCheckpointId,
                lateUpdate, false, window.dropped, Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()),
                window.runId));
    }

    long windowStart(long eventTime) {
        return Math.floorDiv(eventTime, windowSizeMs) * windowSizeMs;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        pendingCheckpoints.put(context.getCheckpointId(), context.getCheckpointTimestamp());
        while (pendingCheckpoints.size() > MAX_PENDING_CHECKPOINTS) {
            pendingCheckpoints.pollFirstEntry();
        }
        checkpointMarks.update(List.of(new CheckpointMark(context.getCheckpointId(), context.getCheckpointTimestamp())));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Long taken = pendingCheckpoints.get(checkpointId);
        pendingCheckpoints.headMap(checkpointId, true).clear();
        if (taken == null || (lastCheckpointId != null && checkpointId <= lastCheckpointId)) {
            return;
        }
        lastCheckpointId = checkpointId;
        lastCheckpointTime = taken;
    }
}
