package lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A verdict of one engine and store with the given counts, and one window per non-zero MISSING. */
    private static JsonNode verdict(int correct, int wrong, int missing) throws Exception {
        StringBuilder windows = new StringBuilder();
        for (int i = 0; i < missing; i++) {
            windows.append(i == 0 ? "" : ",").append("""
                    {"business_key":"k%d","stores":{"POSTGRES":{"value":null,"verdict":"MISSING"}}}""".formatted(i));
        }
        return JSON.readTree("""
                {"run_id":"r","totals":{"KAFKA_ONLY":{"POSTGRES":{"CORRECT":%d,"LAGGING":0,"WRONG":%d,"MISSING":%d}}},
                 "windows":[%s]}""".formatted(correct, wrong, missing, windows));
    }

    private static Settle.State state(boolean sent, long modeABehind, long flinkBehind, List<Integer> open, long results,
                                      long decisions, int pending) {
        return new Settle.State(sent, Map.of("lab-mode-a", modeABehind, "lab-mode-b", flinkBehind), open, results,
                decisions, pending);
    }

    @Test
    void settledOnlyWhenEveryEngineConsumedTheRunAndEveryCommittedResultIsDecided() {
        assertEquals(List.of(), Settle.waitingFor(state(true, 0, 0, List.of(), 120, 120, 0)));
    }

    @Test
    void eachUnfinishedStageIsNamed() {
        assertEquals(List.of("the run to be sent", "lab-mode-b to commit 8 more record(s) of lab.events",
                        "open transactions on lab.results partitions [1, 3]", "5 committed result(s) to be decided",
                        "2 window(s) missing or lagging in a store"),
                Settle.waitingFor(state(false, 0, 8, List.of(1, 3), 125, 120, 2)));
    }

    @Test
    void aQuietPipelineWithAnEngineBehindIsNotSettled() {
        // Nothing changes for minutes while Flink is restoring: the totals are stable, yet the run is not over.
        assertEquals(List.of("lab-mode-b to commit 40 more record(s) of lab.events"),
                Settle.waitingFor(state(true, 0, 40, List.of(), 120, 120, 0)));
    }

    @Test
    void pendingCountsWindowsMissingOrLaggingInAnyStore() throws Exception {
        assertEquals(2, Settle.pending(verdict(1, 0, 2)));
        assertEquals(2, Settle.pending(JSON.readTree("""
                {"windows":[{"stores":{"POSTGRES":{"verdict":"CORRECT"},"MONGODB":{"verdict":"MISSING"}}},
                            {"stores":{"POSTGRES":{"verdict":"CORRECT"},"ELASTICSEARCH":{"verdict":"LAGGING"}}},
                            {"stores":{"POSTGRES":{"verdict":"CORRECT"},"MONGODB":{"verdict":"CORRECT"}}}]}""")));
        assertEquals(0, Settle.pending(JSON.readTree("{}")));
    }
}
