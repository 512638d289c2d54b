package lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepetitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Case RESTART = TestCases.RESTART;
    private static final Case CDC = TestCases.named("cdc-delay");

    @TempDir
    Path reports;

    /** One repetition: the restart case with the given verdict (its rows matching unless flinkRow says otherwise) and CDC not run. */
    private Experiment.Result repetition(int n, JsonNode verdict, boolean flinkRowMatches) {
        CaseResult.Row kafka = new CaseResult.Row(RESTART.rows().get(0),
                new Observe.Observed("upsert", "CDC applied", "CDC applied", "confidence=LOW"), true, "", null);
        CaseResult.Row flink = new CaseResult.Row(RESTART.rows().get(1), flinkRowMatches
                ? new Observe.Observed("stable", "CDC applied", "CDC applied", "confidence=HIGH")
                : new Observe.Observed("stable", "1 windows behind", "CDC applied", "confidence=HIGH"),
                flinkRowMatches, "", null);
        CaseResult restart = new CaseResult(RESTART, verdict.path("run_id").asText(), null, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), verdict, true, 30, List.of(kafka, flink), null);
        return new Experiment.Result(List.of(restart, CaseResult.notRun(CDC, "this stack has no cdc-mongodb")),
                reports.resolve("experiment-" + n), 60);
    }

    private Experiment.Result same(int n, String runId, String first, String second) {
        return repetition(n, VerdictDigestTest.verdict(runId, first, second), true);
    }

    @Test
    void repetitionsOfOneSeedAgreeAcrossRunIdsAndBaseTimes() throws Exception {
        Repetitions reps = new Repetitions(List.of(
                same(1, "rAAAAAA", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z"),
                same(2, "rBBBBBB", "2026-01-01T00:05:30Z", "2026-01-01T00:05:40Z")));

        assertTrue(reps.ok());
        assertEquals(List.of(
                new Repetitions.RowLine("restart duplication", "KAFKA_ONLY", "upsert / CDC applied / CDC applied / confidence=LOW",
                        List.of("MATCHES", "MATCHES"), "AGREES"),
                new Repetitions.RowLine("restart duplication", "FLINK", "stable / CDC applied / CDC applied / confidence=HIGH",
                        List.of("MATCHES", "MATCHES"), "AGREES"),
                new Repetitions.RowLine("CDC delay", "ALL", "stable / lagging / lagging / EVENTUAL marked",
                        List.of("NOT RUN", "NOT RUN"), "NOT RUN")), reps.rows());
        String kafkaOnly = VerdictDigest.of(VerdictDigestTest.verdict("r", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z"),
                "KAFKA_ONLY");
        assertEquals(List.of(
                new Repetitions.DigestLine("restart-duplication", "KAFKA_ONLY", List.of(kafkaOnly, kafkaOnly), true,
                        "every WRONG window LOW"),
                new Repetitions.DigestLine("restart-duplication", "FLINK", List.of("87eaaae2c49f", "87eaaae2c49f"), true,
                        "AGREES")), reps.digests());
        assertEquals("""
                == rows per repetition (expected: PostgreSQL / MongoDB / Elasticsearch / service decision) ==
                  SCENARIO             ENGINE      EXPECTED                                              REP1     REP2     RESULT
                  restart duplication  KAFKA_ONLY  upsert / CDC applied / CDC applied / confidence=LOW   MATCHES  MATCHES  AGREES
                  restart duplication  FLINK       stable / CDC applied / CDC applied / confidence=HIGH  MATCHES  MATCHES  AGREES
                  CDC delay            ALL         stable / lagging / lagging / EVENTUAL marked          NOT RUN  NOT RUN  NOT RUN

                == window verdict digests per repetition (FLINK must agree; KAFKA_ONLY: WRONG only when LOW) ==
                  CASE                 ENGINE      REP1          REP2          RESULT
                  restart-duplication  KAFKA_ONLY  %1$s  %1$s  every WRONG window LOW
                  restart-duplication  FLINK       87eaaae2c49f  87eaaae2c49f  AGREES

                2 repetitions: every row matches and the digests agree
                """.formatted(kafkaOnly), reps.text());
    }

    @Test
    void aFlinkWindowJudgedDifferentlyInOneRepetitionFailsThem() {
        Repetitions reps = new Repetitions(List.of(
                same(1, "rAAAAAA", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z"),
                repetition(2, VerdictDigestTest.verdict("rBBBBBB", "2026-01-01T00:05:30Z", "2026-01-01T00:05:40Z",
                        "WRONG", "LOW"), true)));

        assertFalse(reps.ok());
        assertTrue(reps.rows().stream().allMatch(r -> !r.result().equals("DIFFERS")), "every row still matches");
        Repetitions.DigestLine flink = reps.digests().get(1);
        assertEquals("FLINK", flink.engine());
        assertEquals("87eaaae2c49f", flink.digests().get(0));
        assertFalse(flink.digests().get(0).equals(flink.digests().get(1)));
        assertEquals("DIFFERS: rep1 FLINK acct-0001 +10000ms POSTGRES CORRECT HIGH"
                + " | rep2 FLINK acct-0001 +10000ms POSTGRES WRONG HIGH", flink.result());
        assertTrue(reps.text().endsWith("2 repetitions: the repetitions DIFFER\n"));
    }

    @Test
    void kafkaOnlyDigestsMayDifferButAWrongWindowThatIsNotLowFailsThem() {
        Repetitions differentButLow = new Repetitions(List.of(
                same(1, "rAAAAAA", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z"),
                repetition(2, flinkOnly(VerdictDigestTest.verdict("rBBBBBB", "2026-01-01T00:05:30Z", "2026-01-01T00:05:40Z")),
                        true)));
        assertTrue(differentButLow.ok(), differentButLow.text());

        Repetitions notLow = new Repetitions(List.of(
                same(1, "rAAAAAA", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z"),
                repetition(2, VerdictDigestTest.verdict("rBBBBBB", "2026-01-01T00:05:30Z", "2026-01-01T00:05:40Z",
                        "CORRECT", "HIGH"), true)));
        assertFalse(notLow.ok());
        assertEquals("1 WRONG but not LOW: rep2 rBBBBBB-acct-0001 2026-01-01T00:05:30Z POSTGRES HIGH",
                notLow.digests().get(0).result());
    }

    @Test
    void aRowThatDiffersInOneRepetitionFailsThemAndShowsWhatWasObserved() throws Exception {
        Repetitions reps = new Repetitions(List.of(
                same(1, "rAAAAAA", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z"),
                repetition(2, VerdictDigestTest.verdict("rBBBBBB", "2026-01-01T00:05:30Z", "2026-01-01T00:05:40Z"), false)));

        assertFalse(reps.ok());
        assertEquals(List.of("MATCHES", "DIFFERS: stable / 1 windows behind / CDC applied / confidence=HIGH"),
                reps.rows().get(1).repetitions());
        assertEquals("DIFFERS", reps.rows().get(1).result());

        reps.write();
        assertEquals(reports.resolve("experiment-2"), reps.report());
        JsonNode json = JSON.readTree(reports.resolve("experiment-2/repetitions.json").toFile());
        assertFalse(json.path("ok").asBoolean());
        assertEquals(2, json.path("repetitions").asInt());
        assertEquals("DIFFERS", json.path("rows").get(1).path("result").asText());
        assertEquals("87eaaae2c49f", json.path("digests").get(1).path("digests").get(0).asText());
        assertEquals("restart-duplication", json.path("digests").get(1).path("case_id").asText());
        String md = Files.readString(reports.resolve("experiment-2/repetitions.md"));
        assertTrue(md.contains("| restart duplication | FLINK | stable / CDC applied / CDC applied / confidence=HIGH | MATCHES"
                + " | DIFFERS: stable / 1 windows behind / CDC applied / confidence=HIGH | DIFFERS |"), md);
        assertTrue(md.contains("| restart-duplication | FLINK | 87eaaae2c49f | 87eaaae2c49f | AGREES |"), md);
    }

    /** The verdict without its KAFKA_ONLY windows: a repetition where the restart damaged nothing. */
    private static JsonNode flinkOnly(JsonNode verdict) {
        ((ArrayNode) verdict.path("windows")).remove(2);
        return verdict;
    }
}
