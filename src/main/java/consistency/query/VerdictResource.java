package consistency.query;

import consistency.events.WindowResult.Engine;
import consistency.oracle.Verdicts;
import consistency.store.AggregateStore;
import consistency.store.RunStore;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/** A run's ground truth against what the stores hold, window by window. */
@Path("/api/runs/{runId}/verdict")
public class VerdictResource {

    private final RunStore runs;
    private final AggregateStore aggregates;
    private final List<Engine> engines;

    public VerdictResource(RunStore runs, AggregateStore aggregates,
                           @ConfigProperty(name = "lab.engines") List<Engine> engines) {
        this.runs = runs;
        this.aggregates = aggregates;
        this.engines = engines;
    }

    @GET
    public Uni<Verdicts.Verdict> verdict(@PathParam("runId") String runId) {
        return runs.find(runId)
                .map(run -> run.orElseThrow(() -> new NotFoundException("no run " + runId)))
                .chain(run -> Uni.combine().all().unis(runs.windows(runId), aggregates.ofRun(runId)).asTuple())
                .map(t -> Verdicts.judgePostgres(runId, t.getItem1(), t.getItem2(), engines));
    }
}
