package lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import lab.fault.FaultReport;
import lab.fault.InjectedFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void theFolderHoldsTheTablesTheFullHistoryAndAPageWithItsChartingLibrary() throws Exception {
        Case kase = TestCases.RESTART;
        JsonNode verdict = JSON.readTree("""
                {"totals":{"FLINK":{"POSTGRES":{"CORRECT":3,"LAGGING":0,"WRONG":0,"MISSING":0}}},"windows":[]}""");
        InjectedFault fault = new InjectedFault("flink-job-restart", null, Instant.parse("2026-01-01T00:00:01Z"),
                Instant.parse("2026-01-01T00:00:06Z"), FaultReport.of("flink-job-restart").put("running_ms", 5000).build());
        CaseResult.Row matches = new CaseResult.Row(kase.rows().get(1),
                new Observe.Observed("stable", "CDC applied", "CDC applied", "confidence=HIGH"), true, "evidence <b>",
                new Observe.Accounting(120, 120, 0));
        CaseResult.Row differs = new CaseResult.Row(kase.rows().get(0),
                new Observe.Observed("stable", "CDC applied", "CDC applied", "confidence=EVENTUALLY_CONSISTENT"), false,
                "no restart duplication", null);
        CaseResult result = new CaseResult(kase, "r1", JSON.readTree("{\"run_id\":\"r1\"}"), List.of(fault), List.of(),
                List.of(JSON.readTree("{\"decision\":\"INSERTED\"}")), List.of(), List.of(JSON.readTree("{\"at\":\"t\"}")),
                List.of(), verdict, true, 12, List.of(differs, matches), null);
        Experiment.Result experiment = new Experiment.Result(List.of(result,
                CaseResult.notRun(TestCases.named("cdc-delay"), "this stack has no cdc-mongodb")), folder, 42);

        new ReportFiles(experiment, true, Instant.parse("2026-01-01T00:00:00Z")).write(folder);

        JsonNode history = JSON.readTree(folder.resolve("report.json").toFile());
        assertEquals(1, history.path("differing").asInt());
        assertEquals("r1", history.path("cases").get(0).path("run_id").asText());
        assertEquals("flink-job-restart", history.path("cases").get(0).path("faults").get(0).path("fault").asText());
        assertEquals(5000, history.path("cases").get(0).path("faults").get(0).path("report").path("running_ms").asInt());
        assertEquals(120, history.path("cases").get(0).path("rows").get(1).path("events").path("accounted").asInt());
        assertEquals("this stack has no cdc-mongodb", history.path("cases").get(1).path("not_run").asText());
        assertEquals(Map.of("CORRECT", 3, "LAGGING", 0, "WRONG", 0, "MISSING", 0),
                JSON.convertValue(history.path("totals").path("FLINK").path("POSTGRES"), Map.class));

        String md = Files.readString(folder.resolve("report.md"));
        assertTrue(md.contains("| restart duplication | KAFKA_ONLY | stable [expected: upsert] | CDC applied | CDC applied "
                + "| confidence=EVENTUALLY_CONSISTENT [expected: confidence=LOW] | **DIFFERS** |"), md);
        assertTrue(md.contains("| CDC delay | ALL | | | | | NOT RUN: this stack has no cdc-mongodb |"), md);

        String html = Files.readString(folder.resolve("report.html"));
        assertTrue(html.contains("<script src=\"echarts.min.js\"></script>"));
        assertTrue(html.contains("evidence &lt;b&gt;"), "evidence is escaped");
        assertTrue(html.contains("\"run_id\":\"r1\""), "the charts' data is embedded");
        assertTrue(Files.readString(folder.resolve("echarts.min.js")).contains("echarts"));
        assertTrue(Files.size(folder.resolve("echarts.min.js")) > 500_000);
    }
}
