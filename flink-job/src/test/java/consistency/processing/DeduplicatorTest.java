package consistency.processing;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import static consistency.processing.Events.T0;
import static consistency.processing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

class DeduplicatorTest {

    private static final long TTL = 600_000;

    @Test
    void passesTheFirstArrivalOfAnEventIdAndDropsEveryRepeat() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(event("k1", "e-1", 5, T0 + 1_000), T0 + 1_000);
            harness.processElement(event("k1", "e-2", 7, T0 + 2_000), T0 + 2_000);
            harness.processElement(event("k1", "e-1", 5, T0 + 1_000), T0 + 1_000);  // at-least-once duplicate
            harness.processElement(event("k2", "e-3", 1, T0 + 1_500), T0 + 1_500);
            harness.processElement(event("k1", "e-2", 7, T0 + 2_000), T0 + 2_000);  // replay after a producer restart
            harness.processElement(event("k2", "e-3", 1, T0 + 1_500), T0 + 1_500);

            assertThat(harness.extractOutputValues()).extracting(e -> e.event().eventId()).containsExactly("e-1", "e-2", "e-3");
            assertThat(harness.extractOutputStreamRecords()).extracting(r -> r.getTimestamp())
                    .as("event time travels with the event").containsExactly(T0 + 1_000, T0 + 2_000, T0 + 1_500);
        }
    }

    @Test
    void remembersAnIdForTheTtlOfProcessingTimeFromItsFirstArrivalOnly() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.setStateTtlProcessingTime(0);
            harness.processElement(event("k1", "e-1", 5, T0), T0);
            harness.setStateTtlProcessingTime(TTL - 1);
            harness.processElement(event("k1", "e-1", 5, T0), T0);  // dropped, and does not extend the TTL
            harness.setStateTtlProcessingTime(TTL);
            harness.processElement(event("k1", "e-1", 5, T0), T0);  // forgotten: passes as a new event

            assertThat(harness.extractOutputValues()).hasSize(2);
        }
    }

    @Test
    void aRestoredJobStillKnowsTheIdsSeenBeforeTheCheckpoint() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            harness.open();
            harness.processElement(event("k1", "e-1", 5, T0), T0);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(event("k1", "e-1", 5, T0), T0);
            restored.processElement(event("k1", "e-2", 5, T0), T0);
            assertThat(restored.extractOutputValues()).extracting(e -> e.event().eventId()).containsExactly("e-2");
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ParsedEvent, ParsedEvent> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Deduplicator(TTL)), new ByBusinessKey(), Types.STRING);
    }
}
