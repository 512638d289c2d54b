package consistency.decision;

import consistency.wire.WindowResult.Engine;
import consistency.wire.WindowResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per row of the decision rules (docs/consistency-spec.md §6), and the edges between rows. */
class DecisionRulesTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-01T00:05:00Z");
    private final DecisionRules rules = new DecisionRules();

    private static WindowResult result(Engine engine, long value, int revision, String incarnation, Long checkpoint,
                                       boolean late, int dropped) {
        return new WindowResult(engine, "r1-acct-0001", START, START.plusSeconds(10), value, 3, revision, incarnation,
                START.plusSeconds(20), checkpoint, late, false, dropped, START.plusSeconds(21), "r1");
    }

    private static WindowResult kafka(long value, int revision, String incarnation, boolean late) {
        return result(Engine.KAFKA_ONLY, value, revision, incarnation, null, late, 0);
    }

    private static WindowResult resumedKafka(long value, int revision, String incarnation) {
        return new WindowResult(Engine.KAFKA_ONLY, "r1-acct-0001", START, START.plusSeconds(10), value, 2, revision,
                incarnation, null, null, false, true, 0, START.plusSeconds(21), "r1");
    }

    private static WindowResult flink(long value, int revision, String incarnation, long checkpoint, boolean late, int dropped) {
        return result(Engine.FLINK, value, revision, incarnation, checkpoint, late, dropped);
    }

    private WindowState stored(WindowResult first) {
        return rules.decide(null, first, START).after();
    }

    private static void assertUnchanged(Decision d, WindowState stored) {
        assertThat(d.after()).isSameAs(stored);
        assertThat(d.kind().writes()).isFalse();
        assertThat(d.confidenceChanged()).isFalse();
    }

    @Nested
    class FirstResult {

        @Test
        void flinkIsInsertedWithHighConfidence() {
            Decision d = rules.decide(null, flink(100, 1, "job-a", 3, false, 0), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.INSERTED);
            assertThat(d.after().confidence()).isEqualTo(Confidence.HIGH);
            assertThat(d.after().version()).isEqualTo(1);
            assertThat(d.after().calculatedValue()).isEqualTo(100);
            assertThat(d.after().updatedAt()).isEqualTo(NOW);
            assertThat(d.confidenceBefore()).isNull();
            assertThat(d.confidenceChanged()).isTrue();
        }

        @Test
        void kafkaOnlyIsInsertedAsEventuallyConsistent() {
            Decision d = rules.decide(null, kafka(100, 1, "ko-a", false), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.INSERTED);
            assertThat(d.after().confidence()).isEqualTo(Confidence.EVENTUALLY_CONSISTENT);
            assertThat(d.after().stale()).isFalse();
        }

        @Test
        void aFirstResultOfAProcessorResumedMidWindowNeedsReprocessing() {
            Decision d = rules.decide(null, resumedKafka(40, 1, "ko-b"), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.NEEDS_REPROCESSING);
            assertThat(d.after().needsReprocessing()).isTrue();
            assertThat(d.after().confidence()).isEqualTo(Confidence.LOW);
            assertThat(d.reason()).contains("ko-b resumed mid-window");
        }

        @Test
        void aKafkaOnlyFirstResultThatIsALateUpdateIsStale() {
            Decision d = rules.decide(null, kafka(130, 2, "ko-b", true), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.LATE_UPDATE_STALE);
            assertThat(d.after().stale()).isTrue();
            assertThat(d.after().confidence()).isEqualTo(Confidence.LOW);
        }

        @Test
        void aFirstResultMissingDroppedEventsNeedsReprocessing() {
            Decision d = rules.decide(null, flink(100, 1, "job-a", 3, false, 2), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.NEEDS_REPROCESSING);
            assertThat(d.after().needsReprocessing()).isTrue();
            assertThat(d.after().confidence()).isEqualTo(Confidence.LOW);
        }
    }

    @Test
    void exactDuplicateIsIgnoredForBothEngines() {
        WindowState k = stored(kafka(100, 1, "ko-a", false));
        assertThat(rules.decide(k, kafka(100, 1, "ko-a", false), NOW).kind()).isEqualTo(DecisionKind.DUPLICATE_IGNORED);
        assertUnchanged(rules.decide(k, kafka(100, 1, "ko-a", false), NOW), k);

        WindowState f = stored(flink(100, 1, "job-a", 3, false, 0));
        Decision d = rules.decide(f, flink(100, 1, "job-a", 3, false, 0), NOW);
        assertThat(d.kind()).isEqualTo(DecisionKind.DUPLICATE_IGNORED);
        assertUnchanged(d, f);
    }

    @Nested
    class KafkaOnly {

        @Test
        void restartDuplicationIsUpsertedWithLowConfidence() {
            WindowState s = stored(kafka(100, 1, "ko-a", false));
            Decision d = rules.decide(s, kafka(60, 1, "ko-b", false), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.RESTART_DUPLICATION);
            assertThat(d.after().calculatedValue()).isEqualTo(60);
            assertThat(d.after().incarnation()).isEqualTo("ko-b");
            assertThat(d.after().version()).isEqualTo(2);
            assertThat(d.after().confidence()).isEqualTo(Confidence.LOW);
            assertThat(d.confidenceChanged()).isTrue();
            assertThat(d.reason()).contains("ko-a -> ko-b").contains("100 -> 60");
        }

        @Test
        void restartReEmittingTheSameValueIsStillLow() {
            WindowState s = stored(kafka(100, 1, "ko-a", false));
            Decision d = rules.decide(s, kafka(100, 1, "ko-b", false), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.RESTART_DUPLICATION);
            assertThat(d.after().confidence()).isEqualTo(Confidence.LOW);
        }

        @Test
        void lateUpdateIsAppliedAndMarkedStale() {
            WindowState s = stored(kafka(100, 1, "ko-a", false));
            Decision d = rules.decide(s, kafka(130, 2, "ko-a", true), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.LATE_UPDATE_STALE);
            assertThat(d.after().calculatedValue()).isEqualTo(130);
            assertThat(d.after().stale()).isTrue();
            assertThat(d.after().confidence()).isEqualTo(Confidence.LOW);
        }

        @Test
        void aNewerRevisionIsUpdatedAsEventuallyConsistent() {
            WindowState s = stored(kafka(100, 1, "ko-a", false));
            Decision d = rules.decide(s, kafka(140, 2, "ko-a", false), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.UPDATED);
            assertThat(d.after().calculatedValue()).isEqualTo(140);
            assertThat(d.after().version()).isEqualTo(2);
            assertThat(d.after().confidence()).isEqualTo(Confidence.EVENTUALLY_CONSISTENT);
        }

        @Test
        void aNewerRevisionFromAProcessorResumedMidWindowNeedsReprocessing() {
            WindowState s = stored(kafka(100, 1, "ko-b", false));
            Decision d = rules.decide(s, resumedKafka(140, 2, "ko-b"), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.NEEDS_REPROCESSING);
            assertThat(d.after().needsReprocessing()).isTrue();
            assertThat(d.after().confidence()).isEqualTo(Confidence.LOW);
        }

        @Test
        void staleStaysStaleAndLowAfterAnOrdinaryUpdate() {
            WindowState s = rules.decide(stored(kafka(100, 1, "ko-a", false)), kafka(130, 2, "ko-a", true), NOW).after();
            Decision d = rules.decide(s, kafka(140, 3, "ko-a", false), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.UPDATED);
            assertThat(d.after().stale()).isTrue();
            assertThat(d.after().confidence()).isEqualTo(Confidence.LOW);
            assertThat(d.confidenceChanged()).isFalse();
        }

        @Test
        void anOlderRevisionOfTheSameIncarnationIsSuperseded() {
            WindowState s = rules.decide(stored(kafka(100, 1, "ko-a", false)), kafka(140, 2, "ko-a", false), NOW).after();
            assertUnchanged(rules.decide(s, kafka(100, 1, "ko-a", false), NOW), s);
            assertThat(rules.decide(s, kafka(100, 1, "ko-a", false), NOW).kind()).isEqualTo(DecisionKind.SUPERSEDED_IGNORED);
        }

        @Test
        void sameRevisionWithAnotherValueNeedsReprocessing() {
            WindowState s = stored(kafka(100, 1, "ko-a", false));
            Decision d = rules.decide(s, kafka(90, 1, "ko-a", false), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.NEEDS_REPROCESSING);
            assertThat(d.after().needsReprocessing()).isTrue();
            assertThat(d.after().confidence()).isEqualTo(Confidence.LOW);
        }
    }

    @Nested
    class Flink {

        @Test
        void restartReEmittingTheStoredResultIsStableAndHigh() {
            WindowState s = stored(flink(100, 1, "job-a", 3, false, 0));
            Decision d = rules.decide(s, flink(100, 1, "job-b", 3, false, 0), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.RESTART_STABLE);
            assertUnchanged(d, s);
            assertThat(d.after().confidence()).isEqualTo(Confidence.HIGH);
        }

        @Test
        void aResultFromAnOlderCheckpointIsRejected() {
            WindowState s = rules.decide(stored(flink(100, 1, "job-a", 3, false, 0)), flink(130, 2, "job-a", 7, true, 0), NOW)
                    .after();
            Decision d = rules.decide(s, flink(100, 1, "job-b", 3, false, 0), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.REJECTED_ROLLBACK);
            assertUnchanged(d, s);
            assertThat(d.reason()).contains("checkpoint 3").contains("checkpoint 7");
        }

        @Test
        void aLateEventWithinAllowedLatenessRecomputesTheWindowWithHighConfidence() {
            WindowState s = stored(flink(100, 1, "job-a", 3, false, 0));
            Decision d = rules.decide(s, flink(130, 2, "job-a", 4, true, 0), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.WINDOW_RECOMPUTED);
            assertThat(d.after().calculatedValue()).isEqualTo(130);
            assertThat(d.after().revision()).isEqualTo(2);
            assertThat(d.after().version()).isEqualTo(2);
            assertThat(d.after().confidence()).isEqualTo(Confidence.HIGH);
            assertThat(d.after().stale()).isFalse();
            assertThat(d.confidenceChanged()).isFalse();
        }

        @Test
        void aNewerRevisionWithoutALateEventIsUpdatedWithHighConfidence() {
            WindowState s = stored(flink(100, 1, "job-a", 3, false, 0));
            Decision d = rules.decide(s, flink(120, 2, "job-a", 4, false, 0), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.UPDATED);
            assertThat(d.after().calculatedValue()).isEqualTo(120);
            assertThat(d.after().confidence()).isEqualTo(Confidence.HIGH);
        }

        @Test
        void aRevisionReEmittedWithAnotherValueNeedsReprocessing() {
            WindowState s = stored(flink(100, 1, "job-a", 3, false, 0));
            Decision d = rules.decide(s, flink(90, 1, "job-b", 4, false, 0), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.NEEDS_REPROCESSING);
            assertThat(d.after().needsReprocessing()).isTrue();
            assertThat(d.after().confidence()).isEqualTo(Confidence.LOW);
        }

        @Test
        void eventsDroppedBeyondAllowedLatenessMarkTheWindowForReprocessing() {
            WindowState s = stored(flink(100, 1, "job-a", 3, false, 0));
            Decision d = rules.decide(s, flink(100, 2, "job-a", 5, false, 1), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.NEEDS_REPROCESSING);
            assertThat(d.after().needsReprocessing()).isTrue();
            assertThat(d.after().droppedLateEvents()).isEqualTo(1);
            assertThat(d.after().confidence()).isEqualTo(Confidence.LOW);
            assertThat(d.after().version()).isEqualTo(2);
        }

        @Test
        void reprocessingFlagAndLowConfidenceSurviveALaterRecompute() {
            WindowState s = rules.decide(stored(flink(100, 1, "job-a", 3, false, 0)), flink(100, 2, "job-a", 5, false, 1), NOW)
                    .after();
            Decision d = rules.decide(s, flink(120, 3, "job-a", 6, true, 1), NOW);
            assertThat(d.kind()).isEqualTo(DecisionKind.WINDOW_RECOMPUTED);
            assertThat(d.after().needsReprocessing()).isTrue();
            assertThat(d.after().confidence()).isEqualTo(Confidence.LOW);
        }

        @Test
        void anOlderRevisionFromTheSameCheckpointIsSuperseded() {
            WindowState s = rules.decide(stored(flink(100, 1, "job-a", 3, false, 0)), flink(130, 2, "job-a", 3, true, 0), NOW)
                    .after();
            assertThat(rules.decide(s, flink(100, 1, "job-a", 3, false, 0), NOW).kind())
                    .isEqualTo(DecisionKind.SUPERSEDED_IGNORED);
        }

        @Test
        void aResultWithoutCheckpointAfterACheckpointedOneIsARollback() {
            WindowState s = stored(flink(100, 1, "job-a", 3, false, 0));
            assertThat(rules.decide(s, result(Engine.FLINK, 100, 1, "job-b", null, false, 0), NOW).kind())
                    .isEqualTo(DecisionKind.REJECTED_ROLLBACK);
        }
    }
}
