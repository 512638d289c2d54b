package consistency.query;

import consistency.contract.ReadModels;
import consistency.generator.RunStore;
import consistency.oracle.Verdicts;
import consistency.store.AggregateStore;
import consistency.store.ReadModelWindow;
import consistency.store.Store;
import consistency.wire.WindowResult.Engine;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A run's ground truth against what the stores hold, window by window.
 * The class path is RunResource's and each method adds the run id: Quarkus REST merges resource classes only
 * when their paths are equal, and a wrong method on a path split across classes would be answered 404, not 405.
 */
@Path("/api/runs")
public class VerdictResource {

    private final RunStore runs;
    private final AggregateStore aggregates;
    private final ReadModels readModels;
    private final List<Engine> engines;

    public VerdictResource(RunStore runs, AggregateStore aggregates, ReadModels readModels,
                           @ConfigProperty(name = "lab.engines") List<Engine> engines) {
        this.runs = runs;
        this.aggregates = aggregates;
        this.readModels = readModels;
        this.engines = engines;
    }

    /** Judged in every store: PostgreSQL's windows of the run, then each read model's documents of those windows. */
    @GET
    @Path("{runId}/verdict")
    public Uni<Verdicts.Verdict> verdict(@PathParam("runId") String runId) {
        return runs.find(runId)
                .map(run -> run.orElseThrow(() -> new NotFoundException("no run " + runId)))
                .chain(run -> Uni.combine().all().unis(runs.windows(runId), aggregates.ofRun(runId)).asTuple())
                .chain(t -> readModels.readAll(t.getItem2()).map(all -> {
                    Map<Store, Map<String, ReadModelWindow>> held = new EnumMap<>(Store.class);
                    Map<Store, String> unavailable = new EnumMap<>(Store.class);
                    for (ReadModels.Held h : all) {
                        if (h.unreachable() == null) {
                            held.put(h.store(), h.documents());
                        } else {
                            unavailable.put(h.store(), h.unreachable());
                        }
                    }
                    return Verdicts.judge(runId, t.getItem1(), t.getItem2(), held, unavailable, engines);
                }));
    }
}
