package consistency.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The bounds every input of the API is held to ({@code lab.limits.*} in application.properties, docs/api.md
 * "Limits and validation"). Each rule is here once; the resources only say which field it applies to.
 *
 * @param timeRange         how far from now a time a client sends (or an engine reports) may lie
 * @param horizonAhead      how far ahead of now an earlier run's closing mark may still move a new run's start
 * @param maxIntervalMs     the longest event interval, out-of-order window and lateness of a run
 * @param maxRunSends       sends of one run: originals, duplicates and replays together
 * @param maxConcurrentRuns runs sending at the same time
 * @param maxSseSubscribers open confidence streams
 * @param maxPageSize       rows of one page of a list
 * @param maxSearchSize     windows of one search answer
 * @param maxParamLength    characters of one path or query parameter
 */
public record Limits(Duration timeRange, Duration horizonAhead, long maxIntervalMs, int maxRunSends,
                     int maxConcurrentRuns, int maxSseSubscribers, int maxPageSize, int maxSearchSize,
                     int maxParamLength) {

    /** Why {@code time} is not within {@link #timeRange} of {@code now}; empty when it is (or is absent). */
    public Optional<String> farFromNow(String field, Instant time, Instant now) {
        return farFromNow(field, time, now, timeRange);
    }

    /** The time rule on its own, for a caller holding only the range. */
    public static Optional<String> farFromNow(String field, Instant time, Instant now, Duration range) {
        if (time == null || (!time.isBefore(now.minus(range)) && !time.isAfter(now.plus(range)))) {
            return Optional.empty();
        }
        return Optional.of("%s must be within %s of now (%s), got %s".formatted(field, describe(range), now, time));
    }

    private static String describe(Duration range) {
        return range.toSeconds() % 86_400 == 0 ? range.toDays() + " days" : range.toString();
    }

    /** Why a path or query parameter is refused: too long, or holding NUL or another control character. */
    public Optional<String> badParameter(String name, String value) {
        if (value.length() > maxParamLength) {
            return Optional.of("%s must be at most %d characters, got %d".formatted(name, maxParamLength, value.length()));
        }
        return value.chars().anyMatch(Character::isISOControl)
                ? Optional.of(name + " must not contain control characters (such as NUL)")
                : Optional.empty();
    }

    /** A {@code value} within {@code [min, max]}, else why not. */
    public static Optional<String> outOfRange(String field, long value, long min, long max) {
        return value >= min && value <= max ? Optional.empty()
                : Optional.of("%s must be between %d and %d, got %d".formatted(field, min, max, value));
    }
}
