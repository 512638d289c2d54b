package consistency.generator;

import consistency.api.Limits;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A generator run as requested through {@code POST /api/runs}. Every injection block is optional: absent
 * means not injected. {@link #withDefaults} fills the optional sizes; {@link #violations} lists what is wrong.
 */
public record Scenario(
        Long seed,
        Integer keys,
        Integer eventsPerKey,
        Long windowSizeMs,
        Long eventIntervalMs,
        Integer eventsPerSecond,
        Instant startTime,
        Duplicates duplicates,
        OutOfOrder outOfOrder,
        Late late,
        Replay replay) {

    public static final int DEFAULT_KEYS = 4;
    public static final int DEFAULT_EVENTS_PER_KEY = 200;
    public static final long DEFAULT_EVENT_INTERVAL_MS = 250;
    static final int MAX_KEYS = 10_000;
    static final int MAX_EVENTS = 200_000;

    /** The same event sent again shortly after (at-least-once delivery). */
        public record Duplicates(Double rate) {
    }

    /** Events delivered up to {@code windowMs} of event time after their turn. */
        public record OutOfOrder(Long windowMs) {
    }

    /** A fraction of events held back until their key's event time is {@code lateByMs} past them. */
        public record Late(Double fraction, Long lateByMs) {
    }

    /** After a simulated producer restart, the sequences {@code [fromSequence, fromSequence + count)} of every key are sent again. */
        public record Replay(Long fromSequence, Integer count) {
    }

    public Scenario withDefaults(long defaultSeed, long processorWindowSizeMs, Instant now) {
        return new Scenario(
                seed != null ? seed : defaultSeed,
                keys != null ? keys : DEFAULT_KEYS,
                eventsPerKey != null ? eventsPerKey : DEFAULT_EVENTS_PER_KEY,
                windowSizeMs != null ? windowSizeMs : processorWindowSizeMs,
                eventIntervalMs != null ? eventIntervalMs : DEFAULT_EVENT_INTERVAL_MS,
                eventsPerSecond,
                startTime != null ? startTime : now,
                duplicates, outOfOrder, late, replay);
    }

    /**
     * Readable reasons this (defaulted) scenario cannot run; empty when it can. The bounds of {@code limits} keep
     * every event time of the plan ({@code start + events_per_key * interval + delays}) far from overflowing.
     */
    public List<String> violations(long processorWindowSizeMs, Limits limits, Instant now) {
        List<String> errors = new ArrayList<>();
        limits.farFromNow("start_time", startTime, now).ifPresent(errors::add);
        if (keys < 1 || keys > MAX_KEYS) {
            errors.add("keys must be between 1 and " + MAX_KEYS + ", got " + keys);
        }
        if (eventsPerKey < 1) {
            errors.add("events_per_key must be at least 1, got " + eventsPerKey);
        } else if ((long) keys * eventsPerKey > MAX_EVENTS) {
            errors.add("keys * events_per_key must be at most " + MAX_EVENTS + ", got " + (long) keys * eventsPerKey);
        }
        if (windowSizeMs != processorWindowSizeMs) {
            errors.add("window_size_ms must be " + processorWindowSizeMs
                    + " (the processors' window size, lab.window.size-ms), got " + windowSizeMs);
        }
        Limits.outOfRange("event_interval_ms", eventIntervalMs, 1, limits.maxIntervalMs()).ifPresent(errors::add);
        if (eventsPerSecond != null && eventsPerSecond < 1) {
            errors.add("events_per_second must be at least 1 when given, got " + eventsPerSecond);
        }
        if (duplicates != null && !isFraction(duplicates.rate())) {
            errors.add("duplicates.rate must be between 0 and 1, got " + duplicates.rate());
        }
        if (outOfOrder != null) {
            if (outOfOrder.windowMs() == null) {
                errors.add("out_of_order.window_ms is required");
            } else {
                Limits.outOfRange("out_of_order.window_ms", outOfOrder.windowMs(), 0, limits.maxIntervalMs())
                        .ifPresent(errors::add);
            }
        }
        if (late != null) {
            if (!isFraction(late.fraction())) {
                errors.add("late.fraction must be between 0 and 1, got " + late.fraction());
            }
            Optional<String> lateBy = late.lateByMs() == null ? Optional.of("late.late_by_ms is required")
                    : Limits.outOfRange("late.late_by_ms", late.lateByMs(), 1, limits.maxIntervalMs());
            if (lateBy.isPresent()) {
                errors.add(lateBy.get());
            } else if (late.lateByMs() <= outOfOrderWindowMs()) {
                errors.add("late.late_by_ms (" + late.lateByMs() + ") must exceed out_of_order.window_ms ("
                        + outOfOrderWindowMs() + "), or a late event is only out of order");
            }
        }
        if (replay != null) {
            if (replay.fromSequence() == null || replay.fromSequence() < 1 || replay.fromSequence() > eventsPerKey) {
                errors.add("replay.from_sequence must be between 1 and events_per_key (" + eventsPerKey + "), got "
                        + replay.fromSequence());
            } else if (replay.count() == null || replay.count() < 1
                    || replay.fromSequence() + replay.count() - 1 > eventsPerKey) {
                errors.add("replay.count must be at least 1 and end at or before sequence " + eventsPerKey + ", got "
                        + replay.count());
            }
        }
        return errors;
    }

    long outOfOrderWindowMs() {
        return outOfOrder != null && outOfOrder.windowMs() != null ? outOfOrder.windowMs() : 0;
    }

    private static boolean isFraction(Double value) {
        return value != null && value >= 0 && value <= 1;
    }
}
