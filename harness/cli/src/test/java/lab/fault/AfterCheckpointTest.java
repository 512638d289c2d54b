package lab.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AfterCheckpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Flink's GET /jobs/{id}/checkpoints, reduced to what the check reads. */
    private static JsonNode checkpoints(int inProgress, Long latestCompleted) throws Exception {
        return JSON.readTree("""
                {"counts":{"in_progress":%d,"completed":3},"latest":{"completed":%s}}"""
                .formatted(inProgress, latestCompleted == null ? "null" : "{\"id\":" + latestCompleted + "}"));
    }

    @Test
    void aResultEmittedAfterTheLatestCompletedCheckpointIsCertainToComeAgain() throws Exception {
        Optional<String> evidence = AfterCheckpoint.beyondLatest(checkpoints(0, 7L), List.of(5L, 6L, 7L, 7L));
        assertEquals(Optional.of("2 Flink result(s) emitted after checkpoint 7, the latest completed, with none in progress"),
                evidence);
    }

    @Test
    void resultsCoveredByTheLatestCheckpointOrACheckpointInProgressAreNot() throws Exception {
        assertTrue(AfterCheckpoint.beyondLatest(checkpoints(0, 7L), List.of(5L, 6L)).isEmpty(),
                "emitted before checkpoint 7's snapshot: 7 covers them");
        assertTrue(AfterCheckpoint.beyondLatest(checkpoints(1, 7L), List.of(7L)).isEmpty(),
                "checkpoint 8 in progress may complete and cover them");
        assertTrue(AfterCheckpoint.beyondLatest(checkpoints(0, null), List.of(1L)).isEmpty(),
                "no checkpoint completed: nothing to restore from");
    }
}
