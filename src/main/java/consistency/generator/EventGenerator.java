package consistency.generator;

import consistency.generator.Emission.Kind;
import consistency.wire.LabEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Turns a scenario into the exact sequence of sends of a run. Pure and deterministic: the same scenario,
 * run id and base time give the same plan. Each injection draws from its own random stream, so turning one
 * on never changes what another (or the amounts) produces.
 *
 * <p>Time model: key {@code k} (0-based) of {@code K} has sequence {@code s} at
 * {@code base + (s-1)*interval + k*interval/K}. Each send has a delivery time on the same axis; sends are
 * ordered by it. Out-of-order delays an original by up to {@code window_ms}; a late original is delivered
 * after the event of its key that is {@code late_by_ms} newer (rounded up to whole intervals);
 * a duplicate follows its original within {@value #DUPLICATE_MAX_DELAY_MS} ms; the replay block is
 * delivered after the last original of the replayed range.
 *
 * <p>Progress: the delivery time is the source's clock. Whenever it crosses a multiple of
 * {@value #PROGRESS_STEP_MS} ms, a progress mark with that multiple goes before the next send, on every partition:
 * every later send is delivered at or after it, so an event older than the mark is out of order or late by exactly
 * the difference. After the last send the closing mark says the clock reached {@link #closingTime}, past every
 * window of the run; the engines close their windows on these marks, never on how long a partition was quiet.
 */
public final class EventGenerator {

    static final long DUPLICATE_MAX_DELAY_MS = 1_000;
    static final long PROGRESS_STEP_MS = 1_000;
    static final long MIN_AMOUNT = -500;
    static final long MAX_AMOUNT = 1_000;

    private static final long AMOUNTS = 0x5DEECE66DL;
    private static final long DISORDER = 0x9E3779B97F4A7C15L;
    private static final long LATENESS = 0xC2B2AE3D27D4EB4FL;
    private static final long DUPLICATION = 0x165667B19E3779F9L;

    /** A send before it has a position: {@code phase} orders the replay block after sends due at the same time. */
    private record Send(LabEvent event, Kind kind, boolean late, long deliveryMs, int phase, int order) {
    }

    public EventPlan plan(Scenario scenario, String runId) {
        Instant base = scenario.startTime();
        long interval = scenario.eventIntervalMs();
        List<LabEvent> originals = originals(scenario, runId, base.toEpochMilli());
        Set<LabEvent> late = chooseLate(scenario, originals);
        SplittableRandom disorder = new SplittableRandom(scenario.seed() ^ DISORDER);
        long disorderWindow = scenario.outOfOrderWindowMs();
        long lateShift = late.isEmpty() ? 0 : ceilToMultiple(scenario.late().lateByMs(), interval) + disorderWindow + 1;

        List<Send> sends = new ArrayList<>(originals.size() * 2);
        for (LabEvent event : originals) {
            long eventMs = event.eventTime().toEpochMilli();
            long jitter = disorderWindow > 0 ? disorder.nextLong(disorderWindow + 1) : 0;
            boolean isLate = late.contains(event);
            long delivery = isLate ? eventMs + lateShift : eventMs + jitter;
            sends.add(new Send(event, Kind.ORIGINAL, isLate, delivery, 0, sends.size()));
        }
        addDuplicates(scenario, sends);
        addReplay(scenario, sends);

        sends.sort(Comparator.comparingLong(Send::deliveryMs).thenComparingInt(Send::phase).thenComparingInt(Send::order));
        List<Emission> emissions = label(sends);
        return new EventPlan(runId, base, emissions, progress(sends, scenario.windowSizeMs()));
    }

    private static List<LabEvent> originals(Scenario scenario, String runId, long baseMs) {
        SplittableRandom amounts = new SplittableRandom(scenario.seed() ^ AMOUNTS);
        long interval = scenario.eventIntervalMs();
        int keys = scenario.keys();
        List<LabEvent> events = new ArrayList<>(keys * scenario.eventsPerKey());
        for (long seq = 1; seq <= scenario.eventsPerKey(); seq++) {
            for (int k = 0; k < keys; k++) {
                String key = businessKey(runId, k);
                long eventMs = baseMs + (seq - 1) * interval + k * interval / keys;
                events.add(new LabEvent(eventId(runId, key, seq), runId, key, seq,
                        amounts.nextLong(MIN_AMOUNT, MAX_AMOUNT + 1), Instant.ofEpochMilli(eventMs), null));
            }
        }
        return events;
    }

    /** Late candidates are originals whose key still has an event {@code late_by_ms} newer to be delivered after. */
    private static Set<LabEvent> chooseLate(Scenario scenario, List<LabEvent> originals) {
        Scenario.Late late = scenario.late();
        if (late == null || late.fraction() == 0) {
            return Set.of();
        }
        long steps = ceilToMultiple(late.lateByMs(), scenario.eventIntervalMs()) / scenario.eventIntervalMs();
        List<LabEvent> candidates = new ArrayList<>();
        for (LabEvent e : originals) {
            if (e.sequence() + steps <= scenario.eventsPerKey()) {
                candidates.add(e);
            }
        }
        int wanted = (int) Math.min(candidates.size(), Math.round(late.fraction() * originals.size()));
        SplittableRandom random = new SplittableRandom(scenario.seed() ^ LATENESS);
        for (int i = 0; i < wanted; i++) {
            int j = i + random.nextInt(candidates.size() - i);
            LabEvent swap = candidates.get(i);
            candidates.set(i, candidates.get(j));
            candidates.set(j, swap);
        }
        return new HashSet<>(candidates.subList(0, wanted));
    }

    private static void addDuplicates(Scenario scenario, List<Send> sends) {
        if (scenario.duplicates() == null || scenario.duplicates().rate() == 0) {
            return;
        }
        SplittableRandom random = new SplittableRandom(scenario.seed() ^ DUPLICATION);
        int originals = sends.size();
        for (int i = 0; i < originals; i++) {
            Send original = sends.get(i);
            if (random.nextDouble() < scenario.duplicates().rate()) {
                long delay = 1 + random.nextLong(DUPLICATE_MAX_DELAY_MS);
                sends.add(new Send(original.event(), Kind.DUPLICATE, false, original.deliveryMs() + delay, 0, sends.size()));
            }
        }
    }

    private static void addReplay(Scenario scenario, List<Send> sends) {
        Scenario.Replay replay = scenario.replay();
        if (replay == null) {
            return;
        }
        long from = replay.fromSequence();
        long to = from + replay.count() - 1;
        long restartMs = Long.MIN_VALUE;
        List<LabEvent> range = new ArrayList<>();
        for (Send s : sends) {
            long seq = s.event().sequence();
            if (s.kind() == Kind.ORIGINAL && seq >= from && seq <= to) {
                restartMs = Math.max(restartMs, s.deliveryMs());
                range.add(s.event());
            }
        }
        range.sort(Comparator.comparing(LabEvent::businessKey).thenComparingLong(LabEvent::sequence));
        for (LabEvent event : range) {
            sends.add(new Send(event, Kind.REPLAY, false, restartMs, 1, sends.size()));
        }
    }

    /** Numbers the sends and measures, per key, how far behind its key's progress each one arrived. */
    private static List<Emission> label(List<Send> sends) {
        Map<String, Long> newestPerKey = new HashMap<>();
        List<Emission> emissions = new ArrayList<>(sends.size());
        for (Send s : sends) {
            long eventMs = s.event().eventTime().toEpochMilli();
            long newest = newestPerKey.getOrDefault(s.event().businessKey(), Long.MIN_VALUE);
            long lateness = newest > eventMs ? newest - eventMs : 0;
            newestPerKey.put(s.event().businessKey(), Math.max(newest, eventMs));
            boolean outOfOrder = s.kind() == Kind.ORIGINAL && !s.late() && lateness > 0;
            emissions.add(new Emission(emissions.size(), s.event(), s.kind(), s.late(), lateness, outOfOrder));
        }
        return emissions;
    }

    /** The marks of sends ordered by delivery: one per step the clock crosses, then the closing mark. */
    private static List<EventPlan.Progress> progress(List<Send> sends, long windowSizeMs) {
        List<EventPlan.Progress> marks = new ArrayList<>();
        long marked = Long.MIN_VALUE;
        for (int i = 0; i < sends.size(); i++) {
            long reached = Math.floorDiv(sends.get(i).deliveryMs(), PROGRESS_STEP_MS) * PROGRESS_STEP_MS;
            if (reached > marked) {
                marks.add(new EventPlan.Progress(i, Instant.ofEpochMilli(reached)));
                marked = reached;
            }
        }
        long lastDelivery = sends.isEmpty() ? marked : sends.getLast().deliveryMs();
        marks.add(new EventPlan.Progress(sends.size(), closingTime(lastDelivery, windowSizeMs)));
        return marks;
    }

    /**
     * The end of the window after the one holding {@code lastDeliveryMs}: one whole window past every event of the
     * run, so each engine's clock passes every window's end plus its grace (which must not exceed a window) on it.
     * The next run starts no earlier (see RunService), so its first events are not late.
     */
    static Instant closingTime(long lastDeliveryMs, long windowSizeMs) {
        return Instant.ofEpochMilli((Math.floorDiv(lastDeliveryMs, windowSizeMs) + 2) * windowSizeMs);
    }

    public static String businessKey(String runId, int keyIndex) {
        return String.format("%s-acct-%04d", runId, keyIndex + 1);
    }

    static String eventId(String runId, String businessKey, long sequence) {
        return UUID.nameUUIDFromBytes((runId + '/' + businessKey + '/' + sequence).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static long ceilToMultiple(long value, long step) {
        return Math.ceilDiv(value, step) * step;
    }
}
