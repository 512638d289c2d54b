package consistency.decision;

/** The named rules of the decision layer; each decision in the log carries one. */
public enum DecisionKind {
    /** First result of a window. HIGH from Flink, EVENTUALLY_CONSISTENT from Kafka-only. */
    INSERTED(true),
    /** A newer revision from the same state, not caused by a late event. */
    UPDATED(true),
    /** The same revision and value again from the same incarnation (at-least-once delivery). */
    DUPLICATE_IGNORED(false),
    /** An older revision than the stored one from the same incarnation: already superseded. */
    SUPERSEDED_IGNORED(false),
    /** Kafka-only: a new incarnation re-emitted a window it lost with its in-memory state; upserted, LOW. */
    RESTART_DUPLICATION(true),
    /** Flink: restored state re-emitted the stored result; stable, confidence kept. */
    RESTART_STABLE(false),
    /** Flink: a result from an older checkpoint than the stored one; the write is refused. */
    REJECTED_ROLLBACK(false),
    /** Kafka-only: a late event changed an emitted window; updated and marked stale, LOW. */
    LATE_UPDATE_STALE(true),
    /** Flink: a late event within allowed lateness recomputed the window as a new revision; HIGH. */
    WINDOW_RECOMPUTED(true),
    /** Events were dropped beyond allowed lateness or the result contradicts itself; updated, LOW. */
    NEEDS_REPROCESSING(true);

    private final boolean writes;

    DecisionKind(boolean writes) {
        this.writes = writes;
    }

    /** Whether this decision writes a new version of the window. */
    public boolean writes() {
        return writes;
    }
}
