package consistency.query;

import consistency.decision.Confidence;
import consistency.decision.WindowState;
import consistency.events.WindowResult.Engine;

import java.time.Instant;

/**
 * One window as the service contract answers it (SPEC §9): the value with how far to trust it, which store
 * served it, and how far that store is behind PostgreSQL.
 */
public record ContractAnswer(
        String businessKey,
        Instant windowStart,
        Instant windowEnd,
        String runId,
        long value,
        int eventCount,
        Confidence confidence,
        Scope consistencyScope,
        Engine processingEngine,
        Instant lastCheckpointTime,
        Instant lastCdcSyncTime,
        long version,
        Instant updatedAt,
        ServedFrom servedFrom,
        Lag lag,
        int revision,
        boolean stale,
        boolean needsReprocessing,
        int droppedLateEvents) {

    public enum Scope { STRONG, EVENTUAL, SEARCH }

    public enum ServedFrom { POSTGRES, MONGODB, ELASTICSEARCH }

    /** How far the serving store is behind PostgreSQL's current version of the window. */
    public record Lag(long versionsBehind, long ms) {
        static final Lag NONE = new Lag(0, 0);
    }

    /** PostgreSQL's own answer: the current version, so the stored confidence stands as it is. */
    static ContractAnswer strong(WindowState s) {
        return new ContractAnswer(s.businessKey(), s.windowStart(), s.windowEnd(), s.runId(), s.calculatedValue(),
                s.eventCount(), s.confidence(), Scope.STRONG, s.processingEngine(), s.lastCheckpointTime(), null,
                s.version(), s.updatedAt(), ServedFrom.POSTGRES, Lag.NONE, s.revision(), s.stale(),
                s.needsReprocessing(), s.droppedLateEvents());
    }
}
