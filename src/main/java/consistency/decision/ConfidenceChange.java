package consistency.decision;

import consistency.wire.WindowResult.Engine;

import java.time.Instant;

/** One change of a window's confidence, as published on the SSE stream; {@code oldConfidence} is null for a new window. */
public record ConfidenceChange(
        String runId,
        String businessKey,
        Instant windowStart,
        Instant windowEnd,
        Engine processingEngine,
        Confidence oldConfidence,
        Confidence newConfidence,
        DecisionKind decision,
        String reason,
        long version,
        Instant time) {

    public static ConfidenceChange of(Decision d) {
        WindowState s = d.after();
        return new ConfidenceChange(s.runId(), s.businessKey(), s.windowStart(), s.windowEnd(), s.processingEngine(),
                d.confidenceBefore(), s.confidence(), d.kind(), d.reason(), s.version(), s.updatedAt());
    }
}
