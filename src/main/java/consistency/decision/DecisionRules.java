package consistency.decision;

import consistency.wire.WindowResult.Engine;
import consistency.wire.WindowResult;

import java.time.Instant;

import static consistency.decision.DecisionKind.DUPLICATE_IGNORED;
import static consistency.decision.DecisionKind.INSERTED;
import static consistency.decision.DecisionKind.LATE_UPDATE_STALE;
import static consistency.decision.DecisionKind.NEEDS_REPROCESSING;
import static consistency.decision.DecisionKind.REJECTED_ROLLBACK;
import static consistency.decision.DecisionKind.RESTART_DUPLICATION;
import static consistency.decision.DecisionKind.RESTART_STABLE;
import static consistency.decision.DecisionKind.SUPERSEDED_IGNORED;
import static consistency.decision.DecisionKind.UPDATED;
import static consistency.decision.DecisionKind.WINDOW_RECOMPUTED;

/**
 * The consistency rules (docs/consistency-spec.md §6): stored state + incoming result → decision, new state,
 * confidence, reason. Pure. Doubt is sticky: once a window is stale, needs reprocessing or is LOW, a later ordinary
 * result does not restore trust (only reprocessing the window could).
 */
public final class DecisionRules {

    public Decision decide(WindowState stored, WindowResult result, Instant now) {
        if (stored == null) {
            return first(result, now);
        }
        return result.processingEngine() == Engine.FLINK ? flink(stored, result, now) : kafkaOnly(stored, result, now);
    }

    private static Decision first(WindowResult r, Instant now) {
        if (r.droppedLateEvents() > 0) {
            return write(NEEDS_REPROCESSING, null, r, now, Confidence.LOW, false, true,
                    "first result already misses %d event(s) beyond allowed lateness".formatted(r.droppedLateEvents()));
        }
        if (r.processingEngine() == Engine.KAFKA_ONLY && r.lateUpdate()) {
            return write(LATE_UPDATE_STALE, null, r, now, Confidence.LOW, true, false,
                    "first result seen is a late update (revision %d): earlier revisions are unknown".formatted(r.revision()));
        }
        if (r.resumed()) {
            return write(NEEDS_REPROCESSING, null, r, now, Confidence.LOW, false, true, resumed(r));
        }
        return write(INSERTED, null, r, now, baseConfidence(r.processingEngine()), false, false,
                "first result of the window: value %d from %d event(s)".formatted(r.calculatedValue(), r.eventCount()));
    }

    private static Decision flink(WindowState s, WindowResult r, Instant now) {
        long storedCheckpoint = checkpoint(s.checkpointId());
        long incomingCheckpoint = checkpoint(r.checkpointId());
        if (incomingCheckpoint < storedCheckpoint) {
            return keep(REJECTED_ROLLBACK, s, "result from checkpoint %d is older than the stored one from checkpoint %d"
                    .formatted(incomingCheckpoint, storedCheckpoint));
        }
        if (r.revision() < s.revision()) {
            return keep(SUPERSEDED_IGNORED, s, superseded(s, r));
        }
        if (sameResult(s, r)) {
            return s.incarnation().equals(r.incarnation())
                    ? keep(DUPLICATE_IGNORED, s, duplicate(r))
                    : keep(RESTART_STABLE, s, "restored state re-emitted revision %d with the same value %d (%s -> %s)"
                    .formatted(r.revision(), r.calculatedValue(), s.incarnation(), r.incarnation()));
        }
        if (r.revision() == s.revision()) {
            return write(NEEDS_REPROCESSING, s, r, now, Confidence.LOW, false, true, conflicting(s, r));
        }
        if (r.droppedLateEvents() > s.droppedLateEvents()) {
            return write(NEEDS_REPROCESSING, s, r, now, Confidence.LOW, false, true,
                    "%d event(s) arrived beyond allowed lateness; value %d -> %d".formatted(
                            r.droppedLateEvents(), s.calculatedValue(), r.calculatedValue()));
        }
        if (r.lateUpdate()) {
            return write(WINDOW_RECOMPUTED, s, r, now, Confidence.HIGH, false, false,
                    "late event within allowed lateness: window recomputed as revision %d, value %d -> %d".formatted(
                            r.revision(), s.calculatedValue(), r.calculatedValue()));
        }
        return write(UPDATED, s, r, now, Confidence.HIGH, false, false, updated(s, r));
    }

    private static Decision kafkaOnly(WindowState s, WindowResult r, Instant now) {
        boolean sameIncarnation = s.incarnation().equals(r.incarnation());
        if (sameIncarnation && sameResult(s, r)) {
            return keep(DUPLICATE_IGNORED, s, duplicate(r));
        }
        if (r.lateUpdate()) {
            return write(LATE_UPDATE_STALE, s, r, now, Confidence.LOW, true, false,
                    "late event after the window was emitted: revision %d, value %d -> %d".formatted(
                            r.revision(), s.calculatedValue(), r.calculatedValue()));
        }
        if (!sameIncarnation && r.revision() <= s.revision()) {
            return write(RESTART_DUPLICATION, s, r, now, Confidence.LOW, false, false,
                    "processor restarted (%s -> %s) and emitted revision %d again: value %d -> %d".formatted(
                            s.incarnation(), r.incarnation(), r.revision(), s.calculatedValue(), r.calculatedValue()));
        }
        if (r.revision() < s.revision()) {
            return keep(SUPERSEDED_IGNORED, s, superseded(s, r));
        }
        if (r.revision() == s.revision()) {
            return write(NEEDS_REPROCESSING, s, r, now, Confidence.LOW, false, true, conflicting(s, r));
        }
        if (r.resumed()) {
            return write(NEEDS_REPROCESSING, s, r, now, Confidence.LOW, false, true, resumed(r));
        }
        return write(UPDATED, s, r, now, Confidence.EVENTUALLY_CONSISTENT, false, false, updated(s, r));
    }

    private static String resumed(WindowResult r) {
        return "the processor %s resumed mid-window after a restart or reassignment: events of the window it read before may be missing; value %d from %d event(s)"
                .formatted(r.incarnation(), r.calculatedValue(), r.eventCount());
    }

    private static Confidence baseConfidence(Engine engine) {
        return engine == Engine.FLINK ? Confidence.HIGH : Confidence.EVENTUALLY_CONSISTENT;
    }

    private static long checkpoint(Long id) {
        return id == null ? 0 : id;
    }

    private static boolean sameResult(WindowState s, WindowResult r) {
        return s.revision() == r.revision() && s.calculatedValue() == r.calculatedValue() && s.eventCount() == r.eventCount();
    }

    private static String duplicate(WindowResult r) {
        return "revision %d with value %d was already applied".formatted(r.revision(), r.calculatedValue());
    }

    private static String superseded(WindowState s, WindowResult r) {
        return "revision %d is older than the stored revision %d".formatted(r.revision(), s.revision());
    }

    private static String conflicting(WindowState s, WindowResult r) {
        return "revision %d re-emitted with another result: value %d (%d events), stored %d (%d events)".formatted(
                r.revision(), r.calculatedValue(), r.eventCount(), s.calculatedValue(), s.eventCount());
    }

    private static String updated(WindowState s, WindowResult r) {
        return "revision %d -> %d, value %d -> %d".formatted(s.revision(), r.revision(), s.calculatedValue(),
                r.calculatedValue());
    }

    private static Decision keep(DecisionKind kind, WindowState stored, String reason) {
        return new Decision(kind, reason, stored, stored);
    }

    /** The result becomes the window's state with the next version; stale and reprocessing flags stay once set. */
    private static Decision write(DecisionKind kind, WindowState s, WindowResult r, Instant now, Confidence confidence,
                                  boolean stale, boolean needsReprocessing, String reason) {
        WindowState after = new WindowState(r.processingEngine(), r.businessKey(), r.windowStart(), r.windowEnd(),
                r.runId(), r.calculatedValue(), r.eventCount(), r.revision(), r.incarnation(), r.checkpointId(),
                r.lastCheckpointTime(), s == null ? confidence : Confidence.lower(confidence, stickyConfidence(s)),
                stale || (s != null && s.stale()), needsReprocessing || (s != null && s.needsReprocessing()),
                Math.max(r.droppedLateEvents(), s == null ? 0 : s.droppedLateEvents()),
                s == null ? 1 : s.version() + 1, now);
        return new Decision(kind, reason, s, after);
    }

    /** The ceiling a stored state puts on the confidence of its next version. */
    private static Confidence stickyConfidence(WindowState s) {
        return s.stale() || s.needsReprocessing() || s.confidence() == Confidence.LOW ? Confidence.LOW : Confidence.HIGH;
    }
}
