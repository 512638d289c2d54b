package consistency.query;

import consistency.contract.InvalidRequestException;
import consistency.events.WindowResult.Engine;
import consistency.store.AggregateStore;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/** Reads of the decided windows under the service contract, and the rebuild of the state from its history. */
@Path("/api/aggregates")
public class AggregateResource {

    private final AggregateStore aggregates;

    public AggregateResource(AggregateStore aggregates) {
        this.aggregates = aggregates;
    }

    public record KeyAnswer(String businessKey, ContractAnswer.Scope requestedScope, List<ContractAnswer> windows) {
    }

    public record Rebuild(long differencesBefore, int windows, long differencesAfter) {
    }

    /** Every window of a key; {@code scope=STRONG} reads PostgreSQL, the source of truth. */
    @GET
    @Path("{businessKey}")
    public Uni<KeyAnswer> windows(@PathParam("businessKey") String businessKey, @QueryParam("engine") String engine,
                                  @QueryParam("scope") @DefaultValue("STRONG") String scope) {
        Engine wanted = engine == null ? null : Params.engine(engine);
        ContractAnswer.Scope requested = Params.scope(scope);
        if (requested != ContractAnswer.Scope.STRONG) {
            throw new InvalidRequestException("scope not available", List.of("scope " + requested
                    + " needs a CDC read model, which this deployment does not have; use scope=STRONG"));
        }
        return aggregates.windows(businessKey, wanted).map(states -> {
            if (states.isEmpty()) {
                throw new NotFoundException("no windows for business key " + businessKey
                        + (wanted == null ? "" : " and engine " + wanted));
            }
            return new KeyAnswer(businessKey, requested, states.stream().map(ContractAnswer::strong).toList());
        });
    }

    /**
     * Replays the decision log from the start into aggregate_state. Reports how many windows differed from the
     * replay before (0 when the state is the exact projection of its history) and after.
     */
    @POST
    @Path("rebuild")
    public Uni<Rebuild> rebuild() {
        return aggregates.differencesFromDecisionLog().chain(before -> aggregates.rebuildFromDecisionLog()
                .chain(windows -> aggregates.differencesFromDecisionLog()
                        .map(after -> new Rebuild(before, windows, after))));
    }
}
