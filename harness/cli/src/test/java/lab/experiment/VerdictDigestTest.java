package lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictDigestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two FLINK windows of one key and a KAFKA_ONLY one, in the service's shape; %1$s is the run id, %2$s/%3$s the window starts. */
    private static final String VERDICT = """
            {"run_id":"%1$s","totals":{},"unavailable":{},"windows":[
              {"business_key":"%1$s-acct-0001","window_start":"%2$s","window_end":"x","engine":"FLINK","expected":10,
               "expected_count":2,"stores":{
                 "POSTGRES":{"value":10,"event_count":2,"version":1,"confidence":"HIGH","verdict":"CORRECT"},
                 "MONGODB":{"value":10,"event_count":2,"version":1,"confidence":"HIGH","verdict":"CORRECT"}}},
              {"business_key":"%1$s-acct-0001","window_start":"%3$s","window_end":"x","engine":"FLINK","expected":7,
               "expected_count":1,"stores":{
                 "POSTGRES":{"value":%4$s,"event_count":1,"version":2,"confidence":"HIGH","verdict":"%5$s"},
                 "MONGODB":{"value":null,"event_count":null,"version":null,"confidence":null,"verdict":"MISSING"}}},
              {"business_key":"%1$s-acct-0001","window_start":"%2$s","window_end":"x","engine":"KAFKA_ONLY","expected":10,
               "expected_count":2,"stores":{
                 "POSTGRES":{"value":12,"event_count":3,"version":2,"confidence":"%6$s","verdict":"WRONG"},
                 "MONGODB":{"value":12,"event_count":3,"version":2,"confidence":"LOW","verdict":"WRONG"}}}]}""";

    static JsonNode verdict(String runId, String first, String second, String flinkVerdict, String kafkaConfidence) {
        try {
            return JSON.readTree(VERDICT.formatted(runId, first, second,
                    flinkVerdict.equals("CORRECT") ? "7" : "8", flinkVerdict, kafkaConfidence));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode verdict(String runId, String first, String second) {
        return verdict(runId, first, second, "CORRECT", "LOW");
    }

    @Test
    void keysAreTheirSuffixAfterTheRunIdAndWindowsTheirOffsetFromTheRunsFirstWindow() {
        assertEquals(List.of(
                        "FLINK acct-0001 +0ms POSTGRES CORRECT HIGH",
                        "FLINK acct-0001 +0ms MONGODB CORRECT HIGH",
                        "FLINK acct-0001 +10000ms POSTGRES CORRECT HIGH",
                        "FLINK acct-0001 +10000ms MONGODB MISSING -"),
                VerdictDigest.lines(verdict("rAAAAAA", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z"), "FLINK"));
        assertEquals(List.of(
                        "KAFKA_ONLY acct-0001 +0ms POSTGRES WRONG LOW",
                        "KAFKA_ONLY acct-0001 +0ms MONGODB WRONG LOW"),
                VerdictDigest.lines(verdict("rAAAAAA", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z"), "KAFKA_ONLY"));
    }

    @Test
    void twoRunsOfOneSeedHaveOneDigestThePrefixOfTheSha256OfTheLines() {
        String digest = VerdictDigest.of(verdict("rAAAAAA", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z"), "FLINK");
        // printf 'FLINK acct-0001 +0ms POSTGRES CORRECT HIGH\n...' | sha256sum
        assertEquals("87eaaae2c49f", digest);
        assertEquals(digest, VerdictDigest.of(verdict("rBBBBBB", "2026-03-04T05:06:50Z", "2026-03-04T05:07:00Z"), "FLINK"));
    }

    @Test
    void aVerdictOrAConfidenceThatChangedChangesTheDigest() {
        String correct = VerdictDigest.of(verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z"), "FLINK");
        assertNotEquals(correct, VerdictDigest.of(
                verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "WRONG", "LOW"), "FLINK"));
        assertNotEquals(VerdictDigest.of(verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z"), "KAFKA_ONLY"),
                VerdictDigest.of(verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "CORRECT", "HIGH"), "KAFKA_ONLY"));
        assertNotEquals(correct, VerdictDigest.of(verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:20Z"), "FLINK"),
                "a window that moved");
        assertEquals(correct, VerdictDigest.of(
                verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "CORRECT", "HIGH"), "FLINK"),
                "the other engine's windows are not part of it");
        assertEquals("-", VerdictDigest.of(null, "FLINK"));
    }

    @Test
    void aWrongWindowMustBeLowInEveryStoreThatHoldsIt() {
        assertEquals(List.of(), VerdictDigest.wrongNotLow(
                verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z"), "KAFKA_ONLY"));
        assertEquals(List.of("r1-acct-0001 2026-01-01T00:00:00Z POSTGRES HIGH"), VerdictDigest.wrongNotLow(
                verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "CORRECT", "HIGH"), "KAFKA_ONLY"));
        // MONGODB does not hold the wrong FLINK window (confidence null): only PostgreSQL's HIGH counts
        assertEquals(List.of("r1-acct-0001 2026-01-01T00:00:10Z POSTGRES HIGH"), VerdictDigest.wrongNotLow(
                verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "WRONG", "LOW"), "FLINK"));
        assertEquals(List.of(), VerdictDigest.wrongNotLow(null, "KAFKA_ONLY"));
    }

    @Test
    void noWrongWindowMayBeHighForAnyEngine() {
        JsonNode honest = verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z");
        assertEquals(List.of(), VerdictDigest.wrongButHigh(honest, DecisionTable.ALL));
        JsonNode wrongFlinkHigh = verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "WRONG", "LOW");
        assertEquals(List.of("r1-acct-0001 2026-01-01T00:00:10Z POSTGRES HIGH"), VerdictDigest.wrongButHigh(wrongFlinkHigh, "FLINK"));
        assertEquals(List.of(), VerdictDigest.wrongButHigh(wrongFlinkHigh, "KAFKA_ONLY"), "the row's engine only");
        JsonNode wrongKafkaHigh = verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "CORRECT", "HIGH");
        assertEquals(List.of("r1-acct-0001 2026-01-01T00:00:00Z POSTGRES HIGH"), VerdictDigest.wrongButHigh(wrongKafkaHigh, DecisionTable.ALL));
        JsonNode wrongKafkaEventual = verdict("r1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "CORRECT", "EVENTUALLY_CONSISTENT");
        assertEquals(List.of(), VerdictDigest.wrongButHigh(wrongKafkaEventual, "KAFKA_ONLY"), "only HIGH breaks the promise");
        assertEquals(1, VerdictDigest.wrongNotLow(wrongKafkaEventual, "KAFKA_ONLY").size(), "the restart rows ask for LOW");
    }
}
