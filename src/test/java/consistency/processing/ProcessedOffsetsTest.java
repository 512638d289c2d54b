package consistency.processing;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which offsets Mode A may commit while some records are still being handled. */
class ProcessedOffsetsTest {

    private final ProcessedOffsets offsets = new ProcessedOffsets();

    @Test
    void commitsOnePastTheHighestProcessedOffset() {
        offsets.received(0, 10);
        offsets.processed(0, 10);
        offsets.received(0, 11);
        offsets.processed(0, 11);
        offsets.received(3, 4);
        offsets.processed(3, 4);

        assertThat(offsets.toCommit()).isEqualTo(Map.of(0, 12L, 3, 5L));
    }

    @Test
    void aRecordStillInFlightHoldsBackItsPartition() {
        offsets.received(0, 10);
        offsets.processed(0, 10);
        offsets.received(0, 11);
        offsets.received(0, 12);
        offsets.processed(0, 12);
        assertThat(offsets.toCommit()).as("11 (e.g. a dead-letter send) is not done").isEqualTo(Map.of(0, 11L));

        offsets.processed(0, 11);
        assertThat(offsets.toCommit()).isEqualTo(Map.of(0, 13L));
    }

    @Test
    void nothingIsCommittedBeforeAnythingIsProcessedOrTwice() {
        offsets.received(1, 7);
        assertThat(offsets.toCommit()).isEmpty();

        offsets.processed(1, 7);
        Map<Integer, Long> first = offsets.toCommit();
        assertThat(first).isEqualTo(Map.of(1, 8L));
        offsets.committed(first);
        assertThat(offsets.toCommit()).isEmpty();

        offsets.received(1, 8);
        assertThat(offsets.toCommit()).isEmpty();
        offsets.processed(1, 8);
        assertThat(offsets.toCommit()).isEqualTo(Map.of(1, 9L));
    }
}
