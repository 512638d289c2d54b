package consistency.query;

import consistency.api.Limits;
import consistency.store.DecisionHistory;
import consistency.wire.WindowResult.Engine;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;

/** The decision log: why every window holds what it holds. */
@Path("/api/decisions")
public class DecisionResource {

    private final DecisionHistory history;
    private final Limits limits;

    public DecisionResource(DecisionHistory history, Limits limits) {
        this.history = history;
        this.limits = limits;
    }

    /**
     * Newest first. {@code resultKey} is {@code ENGINE|business_key|window_start}, e.g.
     * {@code KAFKA_ONLY|r7-acct-0003|2026-01-01T00:00:10Z}; every filter is optional.
     */
    @GET
    public Uni<DecisionHistory.Page> decisions(@QueryParam("businessKey") String businessKey,
                                               @QueryParam("resultKey") String resultKey,
                                               @QueryParam("runId") String runId,
                                               @QueryParam("page") @DefaultValue("0") int page,
                                               @QueryParam("size") @DefaultValue("50") int size) {
        Params.range("page", page, 0, Integer.MAX_VALUE);
        Params.range("size", size, 1, limits.maxPageSize());
        String engine = null;
        Instant windowStart = null;
        String key = businessKey;
        if (resultKey != null) {
            String[] parts = resultKey.split("\\|");
            if (parts.length != 3) {
                throw Params.invalid("resultKey must be ENGINE|business_key|window_start, got " + resultKey);
            }
            engine = Params.engine(parts[0]).name();
            windowStart = Params.instant("resultKey's window_start", parts[2], limits);
            if (key != null && !key.equals(parts[1])) {
                throw Params.invalid("businessKey " + key + " contradicts resultKey " + resultKey);
            }
            key = parts[1];
        }
        return history.find(new DecisionHistory.Filter(key, engine, windowStart, runId), page, size);
    }
}
