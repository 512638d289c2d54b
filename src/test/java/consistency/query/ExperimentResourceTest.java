package consistency.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentResourceTest {

    /** A report as the experiment writes it, cut to the fields the table needs. */
    static String report(String startedAt, String secondResult) {
        return """
                {"started_at": "%s", "mode": "quick", "seconds": 171, "rows": 3, "differing": %d,
                 "cases": [
                  {"id": "restart", "scenario": "restart duplication", "decisions": [{"decision": "INSERTED"}],
                   "rows": [
                    {"expected": {"engine": "KAFKA_ONLY", "postgres": "upsert", "mongodb": "CDC applied",
                                  "elasticsearch": "CDC applied", "decision": "confidence=LOW"},
                     "observed": {"postgres": "upsert", "mongodb": "CDC applied", "elasticsearch": "CDC applied",
                                  "decision": "confidence=LOW"},
                     "result": "MATCHES", "evidence": "decisions {INSERTED=84, RESTART_DUPLICATION=8}"},
                    {"expected": {"engine": "FLINK", "postgres": "stable", "mongodb": "CDC applied",
                                  "elasticsearch": "CDC applied", "decision": "confidence=HIGH"},
                     "observed": {"postgres": "update", "mongodb": "CDC applied", "elasticsearch": "CDC applied",
                                  "decision": "confidence=HIGH"},
                     "result": "%s", "evidence": "decisions {INSERTED=84, WINDOW_RECOMPUTED=3}"}]},
                  {"id": "cdc-delay", "scenario": "CDC delay", "not_run": "this stack has no cdc-mongodb",
                   "rows": []}]}
                """.formatted(startedAt, secondResult.equals("DIFFERS") ? 1 : 0, secondResult);
    }

    private static void write(Path reports, String folder, String json) throws Exception {
        Files.createDirectories(reports.resolve(folder));
        Files.writeString(reports.resolve(folder).resolve("report.json"), json);
    }

    @Test
    void theNewestReportIsReducedToItsRows(@TempDir Path reports) throws Exception {
        write(reports, "experiment-20261125-101500", report("2026-11-25T10:15:00Z", "MATCHES"));
        write(reports, "experiment-20261125-120000", report("2026-11-25T12:00:00Z", "DIFFERS"));
        Files.createDirectories(reports.resolve("experiment-20261125-130000"));

        ExperimentResource.Experiment latest = new ExperimentResource(Optional.of(reports), new ObjectMapper()).latest();

        assertThat(latest.startedAt()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(latest.mode()).isEqualTo("quick");
        assertThat(latest.differing()).isEqualTo(1);
        assertThat(latest.rows()).extracting(ExperimentResource.Row::scenario, ExperimentResource.Row::engine,
                        ExperimentResource.Row::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("restart duplication", "KAFKA_ONLY", "MATCHES"),
                        org.assertj.core.groups.Tuple.tuple("restart duplication", "FLINK", "DIFFERS"));
        assertThat(latest.rows().get(1).observed().path("postgres").asText()).isEqualTo("update");
        assertThat(latest.rows().get(1).expected().path("postgres").asText()).isEqualTo("stable");
        assertThat(latest.rows().get(1).evidence()).isEqualTo("decisions {INSERTED=84, WINDOW_RECOMPUTED=3}");
    }

    @Test
    void noReportIsANotFound(@TempDir Path reports) {
        assertThatThrownBy(() -> new ExperimentResource(Optional.of(reports.resolve("none")), new ObjectMapper()).latest())
                .isInstanceOf(NotFoundException.class).hasMessageContaining("./lab demo");
        assertThatThrownBy(() -> new ExperimentResource(Optional.empty(), new ObjectMapper()).latest())
                .isInstanceOf(NotFoundException.class);
    }
}
