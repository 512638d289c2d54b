package consistency.generator;

import consistency.contract.InvalidRequestException;
import consistency.store.RunStore;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The faults of a run's history: the lab records each fault it injects while the run goes on. */
@Path("/api/runs/{runId}/faults")
public class RunFaultResource {

    private final RunStore store;

    public RunFaultResource(RunStore store) {
        this.store = store;
    }

    @POST
    public Uni<Response> record(@PathParam("runId") String runId, RunFault fault) {
        if (fault == null) {
            throw new InvalidRequestException("invalid fault", List.of("the body must be a fault"));
        }
        List<String> violations = fault.violations();
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("invalid fault", violations);
        }
        return known(runId).chain(() -> store.insertFault(runId, fault))
                .map(stored -> Response.status(Response.Status.CREATED).entity(stored).build());
    }

    @GET
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
