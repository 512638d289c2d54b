package consistency.generator;

import java.time.Instant;
import java.util.Map;

/** What {@code GET /api/runs/{id}} answers: the request as run, its progress and what it injects. */
public record RunStatus(
        String runId,
        String state,
        long seed,
        Map<String, Object> scenario,
        long windowSizeMs,
        Instant baseEventTime,
        Instant lastEventTime,
        int eventsPlanned,
        int eventsSent,
        Injected injected,
        String error,
        Instant createdAt,
        Instant finishedAt) {

    /** Sends per kind and the originals that were made late or out of order. */
    public record Injected(int originals, int duplicates, int replays, int late, int outOfOrder) {
    }
}
