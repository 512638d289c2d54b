package consistency.generator;

import consistency.api.InvalidRequestException;
import consistency.api.Limits;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/**
 * The faults of a run's history: the lab records each fault it injects while the run goes on.
 * The class path is RunResource's and each method adds the run id: Quarkus REST merges resource classes only
 * when their paths are equal, and a wrong method on a path split across classes would be answered 404, not 405.
 */
@Path("/api/runs")
public class RunFaultResource {

    private final RunStore store;
    private final Limits limits;

    public RunFaultResource(RunStore store, Limits limits) {
        this.store = store;
        this.limits = limits;
    }

    @POST
    @Path("{runId}/faults")
    public Uni<Response> record(@PathParam("runId") String runId, RunFault fault) {
        if (fault == null) {
            throw new InvalidRequestException("invalid fault", List.of("the body must be a fault"));
        }
        List<String> violations = fault.violations(limits, Instant.now());
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("invalid fault", violations);
        }
        return known(runId).chain(() -> store.insertFault(runId, fault))
                .map(stored -> Response.status(Response.Status.CREATED).entity(stored).build());
    }

    @GET
    @Path("{runId}/faults")
    public Uni<List<RunFault>> faults(@PathParam("runId") String runId) {
        return known(runId).chain(() -> store.faults(runId));
    }

    private Uni<Void> known(String runId) {
        return store.find(runId).map(found -> {
            if (found.isEmpty()) {
                throw new NotFoundException("no run " + runId);
            }
            return null;
        });
    }
}
