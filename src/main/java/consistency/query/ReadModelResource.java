package consistency.query;

import consistency.contract.ContractAnswer;
import consistency.contract.ReadModelComparison;
import consistency.contract.ReadModels;
import consistency.decision.WindowState;
import consistency.store.AggregateStore;
import consistency.store.ReadModelWindow;
import consistency.store.Store;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How far each CDC read model is behind PostgreSQL, now. */
@Path("/api/read-models")
public class ReadModelResource {

    private final AggregateStore aggregates;
    private final ReadModels readModels;
    private final Duration horizon;

    public ReadModelResource(AggregateStore aggregates, ReadModels readModels,
                             @ConfigProperty(name = "lab.read-models.lag-horizon") Duration horizon) {
        this.aggregates = aggregates;
        this.readModels = readModels;
        this.horizon = horizon;
    }

    /**
     * One read model measured against PostgreSQL over a set of windows.
     *
     * @param windows        windows compared (one run's, or those PostgreSQL changed within the lag horizon)
     * @param documents      of those, how many the read model holds in any version
     * @param windowsBehind  windows where it holds an older version or none
     * @param versionsBehind summed over those windows
     * @param lagMs          the longest time any of its values has been superseded in PostgreSQL
     * @param lastCdcSyncTime the latest time CDC applied one of the compared windows
     * (documents, windowsBehind, versionsBehind, lagMs are null when the read model could not be read)
     */
    public record ReadModelLag(Store store, ContractAnswer.Scope scope, boolean reachable, String error, String runId,
                               Instant since, int windows, Integer documents, Integer windowsBehind, Long versionsBehind,
                               Long lagMs, Instant lastCdcSyncTime, Instant measuredAt) {
    }

    @GET
    public Uni<List<ReadModelLag>> lag(@QueryParam("runId") String runId) {
        Instant since = runId == null ? Instant.now().minus(horizon) : null;
        Uni<List<WindowState>> windows = runId == null ? aggregates.changedSince(since) : aggregates.ofRun(runId);
        return windows.chain(readModels::compareAll)
                .map(all -> all.stream().map(c -> summary(c, runId, since)).toList());
    }

    private static ReadModelLag summary(ReadModelComparison c, String runId, Instant since) {
        int windowsBehind = 0;
        long versionsBehind = 0;
        long lagMs = 0;
        Instant lastSync = null;
        for (WindowState w : c.current()) {
            ContractAnswer.Lag lag = c.lag(w);
            if (lag.versionsBehind() > 0) {
                windowsBehind++;
                versionsBehind += lag.versionsBehind();
                lagMs = Math.max(lagMs, lag.ms());
            }
            ReadModelWindow held = c.held(w);
            if (held != null && (lastSync == null || held.lastCdcSyncTime().isAfter(lastSync))) {
                lastSync = held.lastCdcSyncTime();
            }
        }
        ContractAnswer.Scope scope = ContractAnswer.Scope.of(c.store());
        if (c.unreachable() != null) {
            return new ReadModelLag(c.store(), scope, false, c.unreachable(), runId, since, c.current().size(),
                    null, null, null, null, null, c.at());
        }
        return new ReadModelLag(c.store(), scope, true, null, runId, since, c.current().size(), c.held().size(),
                windowsBehind, versionsBehind, lagMs, lastSync, c.at());
    }
}
