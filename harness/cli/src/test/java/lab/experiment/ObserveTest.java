package lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObserveTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode decision(String engine, String kind, String confidence, boolean stale) throws Exception {
        return JSON.readTree("""
                {"decision":"%s","confidence_after":"%s","after":{"processing_engine":"%s","stale":%s}}"""
                .formatted(kind, confidence, engine, stale));
    }

    /** A window of engine with PostgreSQL's version and confidence, and MongoDB's version when mongo is not null. */
    private static String window(String engine, int version, String confidence, Integer mongo, int count, String verdict) {
        String stores = """
                "POSTGRES":{"version":%d,"confidence":"%s","event_count":%d,"verdict":"%s"}"""
                .formatted(version, confidence, count, verdict);
        if (mongo != null) {
            stores += ",\"MONGODB\":{\"version\":%d}".formatted(mongo);
        }
        return "{\"engine\":\"%s\",\"expected_count\":10,\"stores\":{%s}}".formatted(engine, stores);
    }

    private static JsonNode verdict(String... windows) throws Exception {
        return JSON.readTree("{\"totals\":{},\"windows\":[" + String.join(",", windows) + "]}");
    }

    private static Observe.Evidence evidence(List<JsonNode> decisions, JsonNode verdict) {
        return new Observe.Evidence(decisions, verdict, List.of(), List.of(), false);
    }

    @Test
    void aRestartedKafkaOnlyProcessorIsAnUpsertDecidedLowWhileFlinkStaysStable() throws Exception {
        List<JsonNode> decisions = List.of(
                decision("KAFKA_ONLY", "INSERTED", "EVENTUALLY_CONSISTENT", false),
                decision("KAFKA_ONLY", "RESTART_DUPLICATION", "LOW", false),
                decision("FLINK", "INSERTED", "HIGH", false),
                decision("FLINK", "RESTART_STABLE", "HIGH", false));
        JsonNode verdict = verdict(window("KAFKA_ONLY", 2, "LOW", 2, 10, "CORRECT"),
                window("FLINK", 1, "HIGH", 1, 10, "CORRECT"));

        assertEquals(new Observe.Observed("upsert", "CDC applied", "n/a", "confidence=LOW"),
                Observe.row("KAFKA_ONLY", evidence(decisions, verdict)));
        assertEquals(new Observe.Observed("stable", "CDC applied", "n/a", "confidence=HIGH"),
                Observe.row("FLINK", evidence(decisions, verdict)));
    }

    @Test
    void lateEventsAreStaleLowUpdatesForKafkaOnlyAndHighRecomputationsForFlink() throws Exception {
        List<JsonNode> decisions = List.of(
                decision("KAFKA_ONLY", "LATE_UPDATE_STALE", "LOW", true),
                decision("FLINK", "WINDOW_RECOMPUTED", "HIGH", false));
        JsonNode verdict = verdict(window("KAFKA_ONLY", 2, "LOW", 2, 10, "CORRECT"),
                window("FLINK", 2, "HIGH", 1, 10, "CORRECT"));

        assertEquals(new Observe.Observed("update", "update", "n/a", "stale marked"),
                Observe.row("KAFKA_ONLY", evidence(decisions, verdict)));
        assertEquals(new Observe.Observed("update", "1 windows behind", "n/a", "window recomputed"),
                Observe.row("FLINK", evidence(decisions, verdict)));
        List<JsonNode> notStale = List.of(decision("KAFKA_ONLY", "LATE_UPDATE_STALE", "EVENTUALLY_CONSISTENT", false));
        assertEquals("stale NOT marked: confidence=EVENTUALLY_CONSISTENT",
                Observe.row("KAFKA_ONLY", evidence(notStale, verdict)).decision());
    }

    @Test
    void aCdcPauseIsLaggingOnlyWhenASampleSawItBehindAndItCaughtUp() throws Exception {
        JsonNode verdict = verdict(window("FLINK", 1, "HIGH", 1, 10, "CORRECT"), window("KAFKA_ONLY", 1,
                "EVENTUALLY_CONSISTENT", 1, 10, "CORRECT"));
        JsonNode behind = JSON.readTree("""
                {"at":"t","read_models":[{"store":"MONGODB","versions_behind":3,"windows_behind":2}]}""");
        JsonNode lagging = JSON.readTree("""
                {"at":"t","answer":{"windows":[{"confidence":"HIGH","lag":{"versions_behind":0,"ms":0}},
                 {"confidence":"EVENTUALLY_CONSISTENT","served_from":"MONGODB","lag":{"versions_behind":1,"ms":800}}]}}""");
        JsonNode fresh = JSON.readTree("""
                {"at":"t","answer":{"windows":[{"confidence":"HIGH","lag":{"versions_behind":0,"ms":0}}]}}""");
        List<JsonNode> decisions = List.of(decision("FLINK", "INSERTED", "HIGH", false));

        assertEquals(new Observe.Observed("stable", "lagging", "n/a", "EVENTUAL marked"),
                Observe.row("ALL", new Observe.Evidence(decisions, verdict, List.of(behind), List.of(fresh, lagging), true)));
        assertEquals(new Observe.Observed("stable", "no lag seen", "n/a", "no lagging answer seen"),
                Observe.row("ALL", new Observe.Evidence(decisions, verdict, List.of(), List.of(fresh), true)));
        JsonNode fallback = JSON.readTree("""
                {"at":"t","answer":{"windows":[{"confidence":"HIGH","served_from":"POSTGRES",
                 "fallback_reason":"MONGODB does not hold this window yet","lag":{"versions_behind":0,"ms":0}}]}}""");
        JsonNode unmarked = JSON.readTree("""
                {"at":"t","answer":{"windows":[{"confidence":"HIGH","served_from":"MONGODB","lag":{"versions_behind":2,"ms":90}}]}}""");
        assertEquals(new Observe.EventualReads(1, 1, 0), Observe.eventualReads(List.of(lagging, fallback, fresh)));
        assertEquals("EVENTUAL marked",
                Observe.row("ALL", new Observe.Evidence(decisions, verdict, List.of(behind), List.of(fallback), true)).decision());
        assertEquals("1 lagging answers not marked",
                Observe.row("ALL", new Observe.Evidence(decisions, verdict, List.of(behind), List.of(lagging, unmarked), true)).decision());
    }

    @Test
    void flinkAccountsForEveryEventOnlyWhenEveryWindowIsCorrect() throws Exception {
        List<String> windows = new ArrayList<>(List.of(window("FLINK", 1, "HIGH", null, 10, "CORRECT"),
                window("KAFKA_ONLY", 1, "LOW", null, 7, "WRONG")));
        Observe.Accounting all = Observe.accounting(verdict(windows.toArray(String[]::new)), "FLINK");
        assertEquals(new Observe.Accounting(10, 10, 0), all);
        assertTrue(all.complete());
        windows.add(window("FLINK", 1, "HIGH", null, 9, "WRONG"));
        Observe.Accounting off = Observe.accounting(verdict(windows.toArray(String[]::new)), "FLINK");
        assertEquals(new Observe.Accounting(20, 10, 1), off);
        assertFalse(off.complete());
    }
}
