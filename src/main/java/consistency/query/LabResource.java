package consistency.query;

import consistency.wire.WindowResult.Engine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/** What this deployment is: its engines, its window size, and where the tools around it are. */
@Path("/api/lab")
public class LabResource {

    private final Lab lab;

    /** {@code flink_web_url} is null when no Flink web UI is configured. */
    public record Lab(List<Engine> engines, long windowSizeMs, String flinkWebUrl, String openapiUrl) {
    }

    public LabResource(@ConfigProperty(name = "lab.engines") List<Engine> engines,
                       @ConfigProperty(name = "lab.window.size-ms") long windowSizeMs,
                       @ConfigProperty(name = "lab.flink.web-url") Optional<String> flinkWebUrl) {
        this.lab = new Lab(engines, windowSizeMs, flinkWebUrl.orElse(null), "/q/openapi");
    }

    @GET
    public Lab lab() {
        return lab;
    }
}
