package consistency.processing;

import consistency.wire.WindowResult;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static consistency.processing.Events.T0;
import static consistency.processing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Windows, revisions, lateness and checkpoint fields of {@link WindowAggregator}, driven by explicit watermarks. */
class WindowAggregatorTest {

    private static final long SIZE = 10_000;
    private static final long LATENESS = 5_000;
    private static final long RETENTION = 60_000;
    /** Last millisecond of the first window. */
    private static final long W0_MAX = T0 + SIZE - 1;

    @Test
    void aWindowFiresWhenTheWatermarkPassesItsEnd() throws Exception {
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(T0 + 20_000);
            add(h, "k1", "e-1", 5, T0 + 1_000);
            add(h, "k1", "e-2", 7, T0 + 9_000);
            add(h, "k1", "e-3", 1, T0 + 4_000);   // out of order, on time
            add(h, "k1", "e-4", 100, T0 + SIZE);  // next window
            add(h, "k2", "e-5", 3, T0 + 2_000);
            h.processWatermark(new Watermark(W0_MAX - 1));
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark(new Watermark(W0_MAX));
            List<WindowResult> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            WindowResult k1 = result(out, "k1");
            assertThat(k1.windowStart()).isEqualTo(Instant.ofEpochMilli(T0));
            assertThat(k1.windowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + SIZE));
            assertThat(k1.calculatedValue()).isEqualTo(13);
            assertThat(k1.eventCount()).isEqualTo(3);
            assertThat(k1.revision()).isEqualTo(1);
            assertThat(k1.lateUpdate()).isFalse();
            assertThat(k1.droppedLateEvents()).isZero();
            assertThat(k1.runId()).isEqualTo("run-1");
            assertThat(k1.emittedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 20_000));
            assertThat(k1.checkpointId()).as("no checkpoint completed yet").isNull();
            assertThat(k1.lastCheckpointTime()).isNull();
            assertThat(result(out, "k2").calculatedValue()).isEqualTo(3);
        }
    }

    @Test
    void aLateEventWithinAllowedLatenessReEmitsTheWindowAsTheNextRevision() throws Exception {
        try (var h = harness()) {
            h.open();
            add(h, "k1", "e-1", 5, T0 + 1_000);
            h.processWatermark(new Watermark(W0_MAX));
            add(h, "k1", "e-2", 10, T0 + 2_000);               // late by the watermark, within lateness
            h.processWatermark(new Watermark(W0_MAX + LATENESS - 1));
            add(h, "k1", "e-3", 20, T0 + 3_000);               // the last millisecond still within

            assertThat(h.extractOutputValues())
                    .extracting(WindowResult::revision, WindowResult::calculatedValue, WindowResult::eventCount,
                            WindowResult::lateUpdate, WindowResult::droppedLateEvents)
                    .containsExactly(
                            tuple(1, 5L, 1, false, 0),
                            tuple(2, 15L, 2, true, 0),
                            tuple(3, 35L, 3, true, 0));
            assertThat(h.getSideOutput(WindowAggregator.TOO_LATE)).isNull();
        }
    }

    @Test
    void anEventBeyondAllowedLatenessIsDeadLetteredAndCountedOnACorrection() throws Exception {
        try (var h = harness()) {
            h.open();
            add(h, "k1", "e-1", 5, T0 + 1_000);
            h.processWatermark(new Watermark(W0_MAX));
            add(h, "k1", "e-2", 10, T0 + 2_000);
            h.processWatermark(new Watermark(W0_MAX + LATENESS));  // window closed
            ParsedEvent tooLate = event("k1", "e-3", 1_000, T0 + 3_000);
            h.processElement(tooLate, tooLate.eventTimeMs());
            add(h, "k1", "e-4", 1_000, T0 + 4_000);

            assertThat(h.extractOutputValues())
                    .extracting(WindowResult::revision, WindowResult::calculatedValue, WindowResult::eventCount,
                            WindowResult::lateUpdate, WindowResult::droppedLateEvents)
                    .containsExactly(
                            tuple(1, 5L, 1, false, 0),
                            tuple(2, 15L, 2, true, 0),
                            tuple(3, 15L, 2, true, 1),
                            tuple(4, 15L, 2, true, 2));
            List<DeadLetter> letters = h.getSideOutput(WindowAggregator.TOO_LATE).stream().map(StreamRecord::getValue).toList();
            assertThat(letters).hasSize(2);
            assertThat(letters.get(0).kind()).isEqualTo(DeadLetter.Kind.TOO_LATE);
            assertThat(letters.get(0).reason()).startsWith("beyond allowed lateness: event_time 2026-01-01T00:00:03Z of event e-3")
                    .contains("window [2026-01-01T00:00:00Z, 2026-01-01T00:00:10Z)");
            assertThat(letters.get(0).raw().value()).isEqualTo(tooLate.raw().value());
            assertThat(new String(letters.get(0).raw().key(), StandardCharsets.UTF_8)).isEqualTo("k1");
        }
    }

    @Test
    void aTooLateEventForAWindowWithoutEventsStillProducesAResult() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processWatermark(new Watermark(T0 + 100_000));
            add(h, "k1", "e-1", 5, T0 + 1_000);
            assertThat(h.extractOutputValues()).singleElement().satisfies(r -> {
                assertThat(r.revision()).isEqualTo(1);
                assertThat(r.calculatedValue()).isZero();
                assertThat(r.eventCount()).isZero();
                assertThat(r.droppedLateEvents()).isEqualTo(1);
                assertThat(r.lateUpdate()).isTrue();
            });
        }
    }

    @Test
    void aLateFirstEventOfAnUnfiredWindowEmitsRevisionOneAtOnce() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processWatermark(new Watermark(W0_MAX + 1_000));
            add(h, "k1", "e-1", 5, T0 + 1_000);
            h.processWatermark(new Watermark(W0_MAX + 2_000));
            assertThat(h.extractOutputValues()).singleElement().satisfies(r -> {
                assertThat(r.revision()).isEqualTo(1);
                assertThat(r.calculatedValue()).isEqualTo(5);
                assertThat(r.lateUpdate()).isTrue();
            });
        }
    }

    @Test
    void revisionsAreCountedPerKeyAndWindow() throws Exception {
        try (var h = harness()) {
            h.open();
            add(h, "k1", "a", 1, T0 + 1_000);
            add(h, "k1", "b", 1, T0 + SIZE + 1_000);
            add(h, "k2", "c", 1, T0 + 1_000);
            h.processWatermark(new Watermark(W0_MAX + SIZE));
            add(h, "k1", "d", 1, T0 + 1_500);          // k1 window 0 -> 2
            add(h, "k1", "e", 1, T0 + 1_600);          // k1 window 0 -> 3
            add(h, "k1", "f", 1, T0 + SIZE + 1_500);   // k1 window 1 -> 2
            add(h, "k2", "g", 1, T0 + 1_500);          // k2 window 0 -> 2
            assertThat(h.extractOutputValues())
                    .extracting(r -> r.businessKey() + "@" + (r.windowStart().toEpochMilli() - T0) + "#" + r.revision())
                    .containsExactlyInAnyOrder("k1@0#1", "k1@10000#1", "k2@0#1", "k1@0#2", "k1@0#3", "k1@10000#2", "k2@0#2");
        }
    }

    @Test
    void zeroAllowedLatenessClosesTheWindowWhenItFires() throws Exception {
        try (var h = harness(new WindowAggregator(SIZE, 0, RETENTION))) {
            h.open();
            add(h, "k1", "e-1", 5, T0 + 1_000);
            h.processWatermark(new Watermark(W0_MAX));
            add(h, "k1", "e-2", 5, T0 + 2_000);
            assertThat(h.extractOutputValues()).extracting(WindowResult::revision, WindowResult::droppedLateEvents)
                    .containsExactly(tuple(1, 0), tuple(2, 1));
        }
    }

    @Test
    void resultsCarryTheLastCompletedCheckpoint() throws Exception {
        try (var h = harness()) {
            h.open();
            add(h, "k1", "e-1", 5, T0 + 1_000);
            h.snapshot(7, T0 + 500);
            h.processWatermark(new Watermark(W0_MAX));
            assertThat(h.extractOutputValues()).singleElement()
                    .satisfies(r -> assertThat(r.checkpointId()).as("taken, not yet complete").isNull());
            h.notifyOfCompletedCheckpoint(7);
            add(h, "k1", "e-2", 5, T0 + 2_000);
            WindowResult r = h.extractOutputValues().get(1);
            assertThat(r.checkpointId()).isEqualTo(7);
            assertThat(r.lastCheckpointTime()).as("the time checkpoint 7 was taken").isEqualTo(Instant.ofEpochMilli(T0 + 500));
        }
    }

    @Test
    void aRestoredJobReEmitsTheSameRevisionsUnderANewIncarnation() throws Exception {
        List<ParsedEvent> before = List.of(event("k1", "a", 5, T0 + 1_000), event("k1", "b", 7, T0 + 2_000),
                event("k2", "c", 11, T0 + 3_000), event("k1", "d", 1, T0 + SIZE + 1));
        List<Object> after = List.of(
                new Watermark(W0_MAX),                        // window 0 of k1 and k2: revision 1
                event("k1", "e", 100, T0 + 4_000),           // late, within: revision 2
                event("k2", "f", 1_000, T0 + 5_000),          // late, within: revision 2
                new Watermark(W0_MAX + SIZE),                 // window 1 of k1: revision 1; windows 0 close
                event("k1", "g", 10_000, T0 + 6_000));        // too late: revision 3, dropped 1

        OperatorSubtaskState snapshot;
        List<WindowResult> original;
        String originalIncarnation;
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(T0 + 60_000);
            for (ParsedEvent e : before) {
                h.processElement(e, e.eventTimeMs());
            }
            h.processWatermark(new Watermark(T0 + 500));
            snapshot = h.snapshot(3, T0 + 1_234);
            h.notifyOfCompletedCheckpoint(3);
            play(h, after);
            original = h.extractOutputValues();
            originalIncarnation = original.get(0).incarnation();
        }
        try (var restored = harness()) {
            restored.setRestoredCheckpointId(3);
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(T0 + 60_000);
            play(restored, after);
            List<WindowResult> replayed = restored.extractOutputValues();

            assertThat(replayed).hasSize(original.size());
            assertThat(replayed).extracting(WindowResult::incarnation)
                    .allSatisfy(incarnation -> assertThat(incarnation).endsWith("-from-3").isNotEqualTo(originalIncarnation));
            assertThat(replayed).extracting(WindowResult::checkpointId).containsOnly(3L);
            assertThat(replayed).extracting(WindowResult::lastCheckpointTime).containsOnly(Instant.ofEpochMilli(T0 + 1_234));
            assertThat(replayed).usingRecursiveFieldByFieldElementComparatorIgnoringFields("incarnation")
                    .containsExactlyInAnyOrderElementsOf(original);
            assertThat(replayed).extracting(r -> r.businessKey() + "@" + (r.windowStart().toEpochMilli() - T0) + "#" + r.revision()
                            + "=" + r.calculatedValue() + "/" + r.droppedLateEvents())
                    .containsExactlyInAnyOrder("k1@0#1=12/0", "k2@0#1=11/0", "k1@0#2=112/0", "k2@0#2=1011/0",
                            "k1@10000#1=1/0", "k1@0#3=112/1");
        }
    }

    @Test
    void aClosedWindowIsForgottenAfterItsRetention() throws Exception {
        try (var h = harness()) {
            h.open();
            h.setStateTtlProcessingTime(0);
            add(h, "k1", "e-1", 5, T0 + 1_000);
            h.processWatermark(new Watermark(W0_MAX + LATENESS));
            add(h, "k1", "e-2", 5, T0 + 2_000);
            h.setStateTtlProcessingTime(RETENTION);
            add(h, "k1", "e-3", 5, T0 + 3_000);
            assertThat(h.extractOutputValues()).extracting(WindowResult::revision, WindowResult::calculatedValue,
                            WindowResult::droppedLateEvents)
                    .containsExactly(tuple(1, 5L, 0),
                            tuple(2, 5L, 1),
                            tuple(1, 0L, 1));
            assertThat(h.numKeyedStateEntries()).as("nothing left but the summary of the forgotten window")
                    .isEqualTo(1);
        }
    }

    private static void play(KeyedOneInputStreamOperatorTestHarness<String, ParsedEvent, WindowResult> h, List<Object> steps)
            throws Exception {
        for (Object step : steps) {
            if (step instanceof Watermark w) {
                h.processWatermark(w);
            } else {
                ParsedEvent e = (ParsedEvent) step;
                h.processElement(e, e.eventTimeMs());
            }
        }
    }

    private static void add(KeyedOneInputStreamOperatorTestHarness<String, ParsedEvent, WindowResult> h, String key,
                            String id, long amount, long eventTime) throws Exception {
        h.processElement(event(key, id, amount, eventTime), eventTime);
    }

    private static WindowResult result(List<WindowResult> out, String key) {
        return out.stream().filter(r -> r.businessKey().equals(key)).findFirst().orElseThrow();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ParsedEvent, WindowResult> harness() throws Exception {
        return harness(new WindowAggregator(SIZE, LATENESS, RETENTION));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ParsedEvent, WindowResult> harness(WindowAggregator fn)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), new ByBusinessKey(), Types.STRING);
    }
}
