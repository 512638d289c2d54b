package consistency.contract;

import consistency.decision.Confidence;
import consistency.decision.WindowState;
import consistency.store.ReadModelWindow;
import consistency.store.Store;
import consistency.wire.WindowResult.Engine;

import java.time.Instant;

/**
 * One window as the service contract answers it (docs/consistency-spec.md §8): the value with how far to trust it, which store
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
        Store servedFrom,
        Lag lag,
        int revision,
        boolean stale,
        boolean needsReprocessing,
        int droppedLateEvents,
        String fallbackReason) {

    public enum Scope {
        STRONG(Store.POSTGRES), EVENTUAL(Store.MONGODB), SEARCH(Store.ELASTICSEARCH);

        private final Store store;

        Scope(Store store) {
            this.store = store;
        }

        /** The store that serves this scope. */
        public Store store() {
            return store;
        }

        /** The scope a store serves. */
        public static Scope of(Store store) {
            for (Scope scope : values()) {
                if (scope.store == store) {
                    return scope;
                }
            }
            throw new IllegalArgumentException("no scope for " + store);
        }
    }

    /**
     * How far the serving store is behind PostgreSQL's current version of the window: versions, and for how long
     * the value it serves has been superseded (since PostgreSQL committed the first version it lacks).
     */
    public record Lag(long versionsBehind, long ms) {
        static final Lag NONE = new Lag(0, 0);
    }

    /** PostgreSQL's own answer: the current version, so the stored confidence stands as it is. */
    public static ContractAnswer strong(WindowState s) {
        return fromPostgres(s, null);
    }

    /** PostgreSQL's answer to a read-model request it could not serve, saying why. */
    static ContractAnswer fromPostgres(WindowState s, String fallbackReason) {
        return new ContractAnswer(s.businessKey(), s.windowStart(), s.windowEnd(), s.runId(), s.calculatedValue(),
                s.eventCount(), s.confidence(), Scope.STRONG, s.processingEngine(), s.lastCheckpointTime(), null,
                s.version(), s.updatedAt(), Store.POSTGRES, Lag.NONE, s.revision(), s.stale(),
                s.needsReprocessing(), s.droppedLateEvents(), fallbackReason);
    }

    /**
     * A read model's answer: its version of the window, trusted no more than the decision layer trusted that
     * version and, when PostgreSQL has moved on, no more than EVENTUALLY_CONSISTENT.
     */
    static ContractAnswer fromReadModel(Scope scope, ReadModelWindow held, Lag lag) {
        WindowState s = held.state();
        Confidence freshness = lag.versionsBehind() > 0 ? Confidence.EVENTUALLY_CONSISTENT : Confidence.HIGH;
        return new ContractAnswer(s.businessKey(), s.windowStart(), s.windowEnd(), s.runId(), s.calculatedValue(),
                s.eventCount(), Confidence.lower(s.confidence(), freshness), scope, s.processingEngine(),
                s.lastCheckpointTime(), held.lastCdcSyncTime(), s.version(), s.updatedAt(), scope.store(), lag,
                s.revision(), s.stale(), s.needsReprocessing(), s.droppedLateEvents(), null);
    }
}
