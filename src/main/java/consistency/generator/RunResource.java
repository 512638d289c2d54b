package consistency.generator;

import consistency.api.InvalidRequestException;
import consistency.api.Limits;
import consistency.oracle.WindowTruth;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.util.List;

/** Generator runs: start one, follow it, and see what its ground truth expects. */
@Path("/api/runs")
public class RunResource {

    private final RunService runs;
    private final RunStore store;
    private final Limits limits;

    public RunResource(RunService runs, RunStore store, Limits limits) {
        this.runs = runs;
        this.store = store;
        this.limits = limits;
    }

    /** Plans the run, stores its ground truth and starts sending; answers before the sending ends. */
    @POST
    public Uni<Response> start(Scenario scenario, @Context UriInfo uri) {
        return runs.start(scenario).map(status -> Response
                .created(uri.getAbsolutePathBuilder().path(status.runId()).build())
                .entity(status).build());
    }

    @GET
    public Uni<List<RunStatus>> recent(@QueryParam("limit") @DefaultValue("20") int limit) {
        Limits.outOfRange("limit", limit, 1, limits.maxPageSize()).ifPresent(reason -> {
            throw new InvalidRequestException("invalid limit", List.of(reason));
        });
        return store.recent(limit);
    }

    @GET
    @Path("{runId}")
    public Uni<RunStatus> status(@PathParam("runId") String runId) {
        return store.find(runId).map(found -> found.orElseThrow(() -> unknown(runId)));
    }

    /** The run's progress next to every window the ground truth expects. */
    @GET
    @Path("{runId}/summary")
    public Uni<RunSummary> summary(@PathParam("runId") String runId) {
        return status(runId).chain(status -> store.windows(runId).map(windows -> RunSummary.of(status, windows)));
    }

    private static NotFoundException unknown(String runId) {
        return new NotFoundException("no run " + runId);
    }

    /** Expected totals of a run, then its windows. */
    public record RunSummary(RunStatus run, Totals expected, List<WindowTruth> windows) {

        public record Totals(int keys, int windows, int events, long value) {
        }

        static RunSummary of(RunStatus run, List<WindowTruth> windows) {
            int events = windows.stream().mapToInt(WindowTruth::expectedCount).sum();
            long value = windows.stream().mapToLong(WindowTruth::expectedValue).sum();
            int keys = (int) windows.stream().map(WindowTruth::businessKey).distinct().count();
            return new RunSummary(run, new Totals(keys, windows.size(), events, value), windows);
        }
    }
}
