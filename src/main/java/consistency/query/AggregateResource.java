package consistency.query;

import consistency.api.Limits;
import consistency.contract.ContractAnswer;
import consistency.contract.ReadModels;
import consistency.contract.ReadPolicy;
import consistency.decision.WindowState;
import consistency.store.AggregateStore;
import consistency.wire.WindowResult.Engine;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.util.List;

/** Reads of the decided windows under the service contract, and the rebuild of the state from its history. */
@Path("/api/aggregates")
public class AggregateResource {

    private final AggregateStore aggregates;
    private final ReadModels readModels;
    private final Limits limits;

    public AggregateResource(AggregateStore aggregates, ReadModels readModels, Limits limits) {
        this.aggregates = aggregates;
        this.readModels = readModels;
        this.limits = limits;
    }

    public record KeyAnswer(String businessKey, ContractAnswer.Scope requestedScope, List<ContractAnswer> windows) {
    }

    public record Rebuild(long differencesBefore, int windows, long differencesAfter) {
    }

    /**
     * Every window of a key (or the one starting at {@code windowStart}) in the requested scope: STRONG reads
     * PostgreSQL, EVENTUAL MongoDB, SEARCH Elasticsearch. A read-model answer carries its lag; with
     * {@code maxStalenessMs} or {@code minVersion} a window the read model cannot serve within those bounds is
     * answered by PostgreSQL, with the reason in {@code fallback_reason}.
     */
    @GET
    @Path("{businessKey}")
    public Uni<KeyAnswer> windows(@PathParam("businessKey") String businessKey, @QueryParam("engine") String engine,
                                  @QueryParam("scope") @DefaultValue("STRONG") String scope,
                                  @QueryParam("windowStart") String windowStart,
                                  @QueryParam("maxStalenessMs") String maxStaleness,
                                  @QueryParam("minVersion") String minimumVersion) {
        Engine wanted = engine == null ? null : Params.engine(engine);
        ContractAnswer.Scope requested = Params.scope(scope);
        Instant start = windowStart == null ? null : Params.instant("windowStart", windowStart, limits);
        Long maxStalenessMs = Params.optionalLong("maxStalenessMs", maxStaleness, 0);
        Long minVersion = Params.optionalLong("minVersion", minimumVersion, 1);
        if (requested == ContractAnswer.Scope.STRONG && (maxStalenessMs != null || minVersion != null)) {
            throw Params.invalid("maxStalenessMs and minVersion bound a read model's answer; scope=STRONG is always current");
        }
        ReadPolicy policy = new ReadPolicy(maxStalenessMs, minVersion);
        return aggregates.windows(businessKey, wanted).chain(all -> {
            List<WindowState> states = all.stream().filter(s -> start == null || s.windowStart().equals(start)).toList();
            if (states.isEmpty()) {
                throw new NotFoundException("no windows for business key " + businessKey
                        + (wanted == null ? "" : " and engine " + wanted) + (start == null ? "" : " starting at " + start));
            }
            if (requested == ContractAnswer.Scope.STRONG) {
                return Uni.createFrom().item(new KeyAnswer(businessKey, requested,
                        states.stream().map(ContractAnswer::strong).toList()));
            }
            return readModels.compare(requested.store(), states).map(c -> new KeyAnswer(businessKey, requested,
                    states.stream().map(w -> c.answer(requested, w, policy)).toList()));
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
