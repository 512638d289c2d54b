package lab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * When a run's verdict has settled: no window is MISSING or LAGGING in any store (a read model still catching up
 * is not settled) and the totals have not changed for
 * {@code quiet}; gives up after {@code limit}. Fed each polled verdict with the time it was read.
 */
final class Settle {

    static final Duration QUIET = Duration.ofSeconds(5);
    static final Duration LIMIT = Duration.ofSeconds(120);

    private final long quietMs;
    private final long deadlineMs;
    private JsonNode totals;
    private long totalsSinceMs;

    Settle(long startMs) {
        this(startMs, QUIET, LIMIT);
    }

    Settle(long startMs, Duration quiet, Duration limit) {
        this.quietMs = quiet.toMillis();
        this.deadlineMs = startMs + limit.toMillis();
    }

    /** Records a verdict read at nowMs; true when it has settled. */
    boolean settled(long nowMs, JsonNode verdict) {
        JsonNode current = verdict.path("totals");
        if (totals == null || !totals.equals(current)) {
            totals = current;
            totalsSinceMs = nowMs;
        }
        return pending(verdict) == 0 && nowMs - totalsSinceMs >= quietMs;
    }

    /** True once nowMs is past the limit. */
    boolean expired(long nowMs) {
        return nowMs >= deadlineMs;
    }

    /** Whether the last recorded verdict changed the totals (for progress output). */
    boolean changedAt(long nowMs) {
        return totalsSinceMs == nowMs;
    }

    /** Windows MISSING or LAGGING in any store. */
    static int pending(JsonNode verdict) {
        int pending = 0;
        for (JsonNode window : verdict.path("windows")) {
            for (JsonNode store : window.path("stores")) {
                String judgement = store.path("verdict").asText();
                if (judgement.equals("MISSING") || judgement.equals("LAGGING")) {
                    pending++;
                    break;
                }
            }
        }
        return pending;
    }
}
