package consistency.processing;

import consistency.wire.LabEvent;
import consistency.wire.WindowResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The in-memory state of Mode A: per-key event-time tumbling windows, de-duplication by {@code event_id},
 * and the rules that decide when a window's result is emitted. Everything lives in this object, so a
 * process restart loses all of it.
 *
 * <ul>
 *   <li><b>Window close</b>: each Kafka partition has an <i>observed event time</i>, the largest
 *       {@code event_time} or progress mark seen on it. A window {@code [start, end)} of a key on that partition
 *       is emitted (revision 1) once {@code observed >= end + grace}. Events that arrive out of order but before
 *       that moment are counted normally. The source's closing mark moves the clock past every window of a run,
 *       so its last windows close on data, not on time.</li>
 *   <li><b>Idle close</b>, a fallback for a source that sends no progress marks: when a partition that has
 *       never delivered a mark to this state has had no event for {@code idleCloseMs} of processing time, its
 *       open windows are emitted. It never applies to a partition with a mark, nor to one that delivered
 *       nothing since this state was made (a restarted process has no open windows there).</li>
 *   <li><b>Late event</b>: an event (not a duplicate) for a window already emitted and still retained
 *       re-emits that window at once with {@code revision + 1} and {@code late_update = true}. A late event
 *       for a window this state does not hold (never seen, evicted past retention, or lost in a restart)
 *       starts a fresh window that holds only what arrives from then on; it is emitted at once as revision 1
 *       with {@code late_update = true}.</li>
 *   <li><b>De-duplication</b>: the last {@code dedupCapacity} distinct event ids (least recently seen
 *       evicted first). A copy of an evicted id is counted again.</li>
 *   <li><b>Resumed</b>: a partition whose first record read by this state is not at offset 0 was resumed mid-stream
 *       (a restart from committed offsets, or a reassignment): events of it read before are not in this state. The
 *       first progress mark read there afterwards bounds them: every record before that mark, those read before
 *       included, was delivered before its time. A window emitted from such a partition that starts before that
 *       mark (or before any mark is read) carries {@code resumed = true}: it may lack events.</li>
 *   <li><b>Retention</b>: the last {@code retainedWindows} emitted windows (least recently emitted evicted
 *       first) are kept for late updates.</li>
 * </ul>
 *
 * Thread-safe: every method locks this object, and callers that must publish results in the order they
 * were computed (the consumer thread and the idle timer) may hold the same monitor around their sends.
 */
public final class KafkaOnlyWindows {

    /**
     * @param windowSizeMs    size of the tumbling event-time windows
     * @param graceMs         how far the observed event time must pass a window's end before it is emitted
     * @param idleCloseMs     the fallback for sources without progress marks: processing time without events after
     *                        which such a partition's open windows are emitted; 0 for none
     * @param dedupCapacity   how many distinct event ids the de-duplication cache remembers
     * @param retainedWindows how many emitted windows are kept for late updates
     */
    public record Settings(long windowSizeMs, long graceMs, long idleCloseMs, int dedupCapacity, int retainedWindows) {
        public Settings {
            if (windowSizeMs <= 0 || graceMs < 0 || graceMs > windowSizeMs || idleCloseMs < 0 || dedupCapacity <= 0
                    || retainedWindows <= 0) {
                throw new IllegalArgumentException("invalid Mode A settings (grace at most one window: a run's closing "
                        + "progress mark lies one window past its last event): " + this);
            }
        }
    }

    /** A window's identity; ordered by start, then key, so the earliest windows close first. */
    record WindowId(String businessKey, long startMs) {
        static final Comparator<WindowId> BY_START = Comparator.comparingLong(WindowId::startMs)
                .thenComparing(WindowId::businessKey);
    }

    private static final class Window {
        final WindowId id;
        final PartitionState partition;
        final String runId;
        long value;
        int count;
        int revision;

        Window(WindowId id, PartitionState partition, String runId) {
            this.id = id;
            this.partition = partition;
            this.runId = runId;
        }
    }

    private static final class PartitionState {
        final boolean resumed;
        /** The first progress mark read since this state began; before it, every window may lack events. */
        long resumeHorizonMs = Long.MAX_VALUE;
        long observedMs = Long.MIN_VALUE;
        long lastEventAtMs;
        boolean sendsProgress;
        final TreeMap<WindowId, Window> open = new TreeMap<>(WindowId.BY_START);

        PartitionState(long firstOffset) {
            this.resumed = firstOffset > 0;
        }

        boolean mayLackEventsOf(WindowId window) {
            return resumed && window.startMs() < resumeHorizonMs;
        }
    }

    private final Settings settings;
    private final String incarnation;
    private final Supplier<Instant> lastCommitTime;

    private final Map<Integer, PartitionState> partitions = new HashMap<>();
    /** Emitted windows, least recently emitted first. */
    private final LinkedHashMap<WindowId, Window> emitted = new LinkedHashMap<>();
    /** Distinct event ids, least recently seen first. */
    private final LinkedHashMap<String, Boolean> seen;

    private long duplicatesIgnored;
    private long lateUpdates;
    private long windowsEvicted;

    /**
     * @param incarnation    the id of this process start, stamped on every result
     * @param lastCommitTime time of the last successful offset commit (null before the first), read at emission
     */
    public KafkaOnlyWindows(Settings settings, String incarnation, Supplier<Instant> lastCommitTime) {
        this.settings = Objects.requireNonNull(settings);
        this.incarnation = Objects.requireNonNull(incarnation);
        this.lastCommitTime = Objects.requireNonNull(lastCommitTime);
        int capacity = settings.dedupCapacity();
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Applies one event read from {@code partition} at {@code offset}, at processing time {@code now}.
     *
     * @return the results to publish, in order: a late update caused by this event first, then the windows
     *         this event's time closed on its partition
     */
    public synchronized List<WindowResult> accept(int partition, long offset, LabEvent event, Instant now) {
        PartitionState state = partitions.computeIfAbsent(partition, p -> new PartitionState(offset));
        state.lastEventAtMs = now.toEpochMilli();
        List<WindowResult> out = new ArrayList<>(2);
        if (seen.get(event.eventId()) != null) {
            duplicatesIgnored++;
        } else {
            seen.put(event.eventId(), Boolean.TRUE);
            add(state, event, now, out);
        }
        observe(state, event.eventTime().toEpochMilli(), now, out);
        return out;
    }

    private void observe(PartitionState state, long eventTimeMs, Instant now, List<WindowResult> out) {
        if (eventTimeMs > state.observedMs) {
            state.observedMs = eventTimeMs;
            closeUpTo(state, now, out);
        }
    }

    /**
     * Applies a progress mark read from {@code partition} at {@code offset}: its source's clock reached {@code reached}.
     *
     * @return the windows this closed on the partition, in order
     */
    public synchronized List<WindowResult> advance(int partition, long offset, Instant reached, Instant now) {
        PartitionState state = partitions.computeIfAbsent(partition, p -> new PartitionState(offset));
        if (!state.sendsProgress) {
            state.sendsProgress = true;
            state.resumeHorizonMs = reached.toEpochMilli();
        }
        List<WindowResult> out = new ArrayList<>();
        observe(state, reached.toEpochMilli(), now, out);
        return out;
    }

    /**
     * Emits every open window of each partition without progress marks that has had no event for
     * {@code idleCloseMs}.
     */
    public synchronized List<WindowResult> closeIdle(Instant now) {
        List<WindowResult> out = new ArrayList<>();
        long nowMs = now.toEpochMilli();
        for (PartitionState state : partitions.values()) {
            if (settings.idleCloseMs() > 0 && !state.sendsProgress && !state.open.isEmpty()
                    && nowMs - state.lastEventAtMs >= settings.idleCloseMs()) {
                while (!state.open.isEmpty()) {
                    emit(state.open.pollFirstEntry().getValue(), now, false, out);
                }
            }
        }
        return out;
    }

    private void add(PartitionState state, LabEvent event, Instant now, List<WindowResult> out) {
        long startMs = Math.floorDiv(event.eventTime().toEpochMilli(), settings.windowSizeMs()) * settings.windowSizeMs();
        WindowId id = new WindowId(event.businessKey(), startMs);
        Window window = state.open.get(id);
        if (window != null) {
            count(window, event);
            return;
        }
        window = emitted.remove(id);
        if (window != null) {
            count(window, event);
            lateUpdates++;
            emit(window, now, true, out);
            return;
        }
        window = new Window(id, state, event.runId());
        count(window, event);
        if (closed(state, startMs)) {
            lateUpdates++;
            emit(window, now, true, out);
        } else {
            state.open.put(id, window);
        }
    }

    private boolean closed(PartitionState state, long startMs) {
        return state.observedMs != Long.MIN_VALUE
                && state.observedMs >= startMs + settings.windowSizeMs() + settings.graceMs();
    }

    private void closeUpTo(PartitionState state, Instant now, List<WindowResult> out) {
        while (!state.open.isEmpty() && closed(state, state.open.firstKey().startMs())) {
            emit(state.open.pollFirstEntry().getValue(), now, false, out);
        }
    }

    private static void count(Window window, LabEvent event) {
        window.value += event.amount();
        window.count++;
    }

    /** Publishes the window's current value as its next revision and (re)inserts it as most recently emitted. */
    private void emit(Window window, Instant now, boolean lateUpdate, List<WindowResult> out) {
        window.revision++;
        Instant start = Instant.ofEpochMilli(window.id.startMs());
        out.add(new WindowResult(WindowResult.Engine.KAFKA_ONLY, window.id.businessKey(), start,
                start.plusMillis(settings.windowSizeMs()), window.value, window.count, window.revision, incarnation,
                lastCommitTime.get(), null, lateUpdate, window.partition.mayLackEventsOf(window.id), 0, now, window.runId));
        emitted.put(window.id, window);
        Iterator<WindowId> eldest = emitted.keySet().iterator();
        while (emitted.size() > settings.retainedWindows()) {
            eldest.next();
            eldest.remove();
            windowsEvicted++;
        }
    }

    public synchronized int openWindows() {
        int open = 0;
        for (PartitionState state : partitions.values()) {
            open += state.open.size();
        }
        return open;
    }

    public synchronized int retainedWindows() {
        return emitted.size();
    }

    public synchronized int rememberedEventIds() {
        return seen.size();
    }

    public synchronized long duplicatesIgnored() {
        return duplicatesIgnored;
    }

    public synchronized long lateUpdates() {
        return lateUpdates;
    }

    public synchronized long windowsEvicted() {
        return windowsEvicted;
    }
}
