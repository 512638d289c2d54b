package consistency.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The decision table as the latest experiment observed it ({@code ./lab demo}, {@code ./lab test}): read from
 * the newest {@code experiment-<time>/report.json} under {@code lab.experiments.dir}, reduced to its rows.
 */
@Path("/api/experiments/latest")
public class ExperimentResource {

    private final Optional<java.nio.file.Path> reports;
    private final ObjectMapper json;
    /** The last report read, so a dashboard polling an unchanged report does not parse it again. */
    private volatile Cached cached;

    private record Cached(java.nio.file.Path report, FileTime modified, Experiment experiment) {
    }

    public ExperimentResource(@ConfigProperty(name = "lab.experiments.dir") Optional<java.nio.file.Path> reports,
                              ObjectMapper json) {
        this.reports = reports;
        this.json = json;
    }

    /** One row: a scenario on one engine (or ALL), expected beside observed, MATCHES / DIFFERS / NOT RUN. */
    public record Row(String scenario, String engine, JsonNode expected, JsonNode observed, String result,
                      String evidence) {
    }

    public record Experiment(String startedAt, String mode, long seconds, int differing, List<Row> rows) {
    }

    @GET
    @Blocking
    public Experiment latest() {
        java.nio.file.Path report = newest().orElseThrow(() -> new NotFoundException(
                "no experiment report yet: ./lab demo writes one"));
        try {
            FileTime modified = Files.getLastModifiedTime(report);
            Cached last = cached;
            if (last != null && last.report().equals(report) && last.modified().equals(modified)) {
                return last.experiment();
            }
            Experiment experiment = read(report);
            cached = new Cached(report, modified, experiment);
            return experiment;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable experiment report " + report.getFileName(), e);
        }
    }

    private Experiment read(java.nio.file.Path report) throws IOException {
        JsonNode root = json.readTree(report.toFile());
        List<Row> rows = new ArrayList<>();
        for (JsonNode c : root.path("cases")) {
            String scenario = c.path("scenario").asText();
            for (JsonNode r : c.path("rows")) {
                rows.add(new Row(scenario, r.path("expected").path("engine").asText(), r.path("expected"),
                        r.path("observed").isMissingNode() ? null : r.path("observed"), r.path("result").asText(),
                        r.path("evidence").asText(null)));
            }
        }
        return new Experiment(root.path("started_at").asText(), root.path("mode").asText(),
                root.path("seconds").asLong(), root.path("differing").asInt(), rows);
    }

    /** experiment-yyyyMMdd-HHmmss folders sort by time; the newest with a report. */
    private Optional<java.nio.file.Path> newest() {
        if (reports.isEmpty() || !Files.isDirectory(reports.get())) {
            return Optional.empty();
        }
        try (Stream<java.nio.file.Path> folders = Files.list(reports.get())) {
            return folders.filter(f -> f.getFileName().toString().startsWith("experiment-"))
                    .map(f -> f.resolve("report.json")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(f -> f.getParent().getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
