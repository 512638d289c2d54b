package consistency.query;

import consistency.api.LimitExceededException;
import consistency.api.Limits;
import consistency.consumer.ConfidenceStream;
import consistency.decision.ConfidenceChange;
import consistency.wire.WindowResult.Engine;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server-Sent Events: every confidence change as it is decided, with a heartbeat comment while nothing changes. A
 * change is sent as SSE data, where Quarkus REST cannot see its type: registered so a native executable serializes it.
 */
@RegisterForReflection(targets = ConfidenceChange.class)
@Path("/api/stream/confidence")
public class ConfidenceStreamResource {

    private final ConfidenceStream stream;
    private final Duration heartbeat;
    private final Limits limits;
    /** Open streams: each holds a connection and a subscription to every change until its client leaves. */
    private final AtomicInteger subscribers = new AtomicInteger();

    public ConfidenceStreamResource(ConfidenceStream stream,
                                    @ConfigProperty(name = "lab.sse.heartbeat") Duration heartbeat, Limits limits) {
        this.stream = stream;
        this.heartbeat = heartbeat;
        this.limits = limits;
    }

    /**
     * Each change is an event named {@code confidence} with a JSON body; all filters are optional. Beyond
     * {@code lab.limits.max-sse-subscribers} open streams a new one is refused (503 with Retry-After).
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> changes(@QueryParam("runId") String runId,
                                           @QueryParam("businessKey") String businessKey,
                                           @QueryParam("engine") String engine,
                                           @Context Sse sse) {
        Engine wanted = engine == null ? null : Params.engine(engine);
        Multi<OutboundSseEvent> changes = stream.changes()
                .select().where(c -> matches(c, runId, businessKey, wanted))
                .map(c -> sse.newEventBuilder().name("confidence").id(c.processingEngine() + "|" + c.businessKey() + "|"
                                + c.windowStart() + "|" + c.version())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(ConfidenceChange.class, c).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(heartbeat).onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        if (subscribers.incrementAndGet() > limits.maxSseSubscribers()) {
            subscribers.decrementAndGet();
            throw new LimitExceededException(503, "too many confidence streams", heartbeat, List.of(
                    limits.maxSseSubscribers() + " stream(s) are open (lab.limits.max-sse-subscribers)"));
        }
        return Multi.createBy().merging().streams(changes, heartbeats)
                .onTermination().invoke(subscribers::decrementAndGet);
    }

    private static boolean matches(ConfidenceChange c, String runId, String businessKey, Engine engine) {
        return (runId == null || runId.equals(c.runId()))
                && (businessKey == null || businessKey.equals(c.businessKey()))
                && (engine == null || engine == c.processingEngine());
    }
}
