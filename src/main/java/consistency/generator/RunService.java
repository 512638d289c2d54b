package consistency.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import consistency.api.InvalidRequestException;
import consistency.api.LimitExceededException;
import consistency.api.Limits;
import consistency.oracle.Oracle;
import consistency.oracle.WindowTruth;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/** Starts generator runs: plan, record the ground truth, then send in the background. */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = Logger.getLogger(RunService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A run of the default size sends for about a minute; a client refused for concurrency may try again then. */
    private static final Duration RETRY_RUN_AFTER = Duration.ofSeconds(30);

    private final RunStore store;
    private final EventPublisher publisher;
    private final ObjectMapper json;
    private final long windowSizeMs;
    private final String role;
    private final Limits limits;
    /** One permit per run sending; taken before a run is recorded, given back when its sending ends. */
    private final Semaphore sending;
    private final EventGenerator generator = new EventGenerator();

    public RunService(RunStore store, EventPublisher publisher, ObjectMapper json,
                      @ConfigProperty(name = "lab.window.size-ms") long windowSizeMs,
                      @ConfigProperty(name = "lab.role") String role, Limits limits) {
        this.store = store;
        this.publisher = publisher;
        this.json = json;
        this.windowSizeMs = windowSizeMs;
        this.role = role;
        this.limits = limits;
        this.sending = new Semaphore(limits.maxConcurrentRuns());
    }

    void onStart(@Observes StartupEvent event) {
        if (!"service".equals(role)) {
            return;
        }
        int interrupted = store.failInterrupted().await().indefinitely();
        if (interrupted > 0) {
            LOG.warnf("Marked %d run(s) FAILED: they were still sending when the service stopped", interrupted);
        }
    }

    /** Validates and records the run, then returns while its events are being sent. */
    public Uni<RunStatus> start(Scenario requested) {
        return store.eventTimeHorizon().chain(horizon -> start(requested, defaultStart(horizon)));
    }

    private Instant defaultStart(Optional<Instant> horizon) {
        return defaultStart(Instant.now(), horizon, windowSizeMs, limits.horizonAhead());
    }

    /**
     * The start of the window holding now, or the closing mark of the newest earlier run if that is later. A run
     * sent faster than real time leaves the engines' event-time clocks ahead of the wall clock, at its closing
     * mark: a new run starting behind that would be late from its first event. Always a window start (a closing
     * mark is one; an older run's newest event time is rounded up): otherwise the wall clock would decide how a
     * seed's events fall into windows, and two runs of one seed would not compare. A closing mark more than
     * {@code horizonAhead} ahead of now is not followed: one run dated far ahead (or PostgreSQL's infinity) must not
     * move every later run there.
     */
    static Instant defaultStart(Instant now, Optional<Instant> horizon, long windowSizeMs, Duration horizonAhead) {
        Instant windowNow = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), windowSizeMs) * windowSizeMs);
        Instant afterEarlierRuns = horizon
                .filter(h -> !h.isAfter(now.plus(horizonAhead)))
                .map(h -> Instant.ofEpochMilli(Math.ceilDiv(h.toEpochMilli(), windowSizeMs) * windowSizeMs))
                .orElse(windowNow);
        return windowNow.isAfter(afterEarlierRuns) ? windowNow : afterEarlierRuns;
    }

    private Uni<RunStatus> start(Scenario requested, Instant defaultStart) {
        Scenario scenario = (requested == null ? emptyScenario() : requested).withDefaults(
                ThreadLocalRandom.current().nextLong(), windowSizeMs, defaultStart);
        List<String> violations = scenario.violations(windowSizeMs, limits, Instant.now());
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(new InvalidRequestException("invalid run request", violations));
        }
        if (!sending.tryAcquire()) {
            return Uni.createFrom().failure(new LimitExceededException(429, "too many runs", RETRY_RUN_AFTER,
                    List.of(limits.maxConcurrentRuns() + " run(s) are sending (lab.limits.max-concurrent-runs); "
                            + "start this one when one has ended")));
        }
        String runId = newRunId();
        AtomicBoolean handedOver = new AtomicBoolean();
        return Uni.createFrom().voidItem()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(() -> {
                    EventPlan plan = generator.plan(scenario, runId);
                    int sends = plan.emissions().size();
                    if (sends > limits.maxRunSends()) {
                        throw new InvalidRequestException("invalid run request", List.of("the run would send " + sends
                                + " events (originals, duplicates and replays), more than " + limits.maxRunSends()
                                + " (lab.limits.max-run-sends)"));
                    }
                    List<WindowTruth> windows = Oracle.windows(
                            plan.emissions().stream().map(Emission::event).toList(), scenario.windowSizeMs());
                    return store.insertRun(scenario, toJson(scenario), plan, windows)
                            .invoke(() -> {
                                handedOver.set(true);
                                sendInBackground(plan, scenario.eventsPerSecond());
                            })
                            .chain(() -> store.find(runId))
                            .map(found -> found.orElseThrow());
                })
                .onTermination().invoke(() -> {
                    if (!handedOver.get()) {
                        sending.release();
                    }
                });
    }

    /**
     * {@code r} and six random base-36 characters. Random rather than a database sequence: event ids and keys
     * derive from it, and Kafka, the processors' state and the read models outlive any one PostgreSQL database.
     */
    static String newRunId() {
        return "r" + Long.toString(RANDOM.nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
    }

    private void sendInBackground(EventPlan plan, Integer eventsPerSecond) {
        String runId = plan.runId();
        int[] acknowledged = {0};
        publisher.send(plan, eventsPerSecond, sent -> {
                    acknowledged[0] = sent;
                    return store.progress(runId, sent);
                })
                .chain(sent -> store.finish(runId, sent, null))
                .onFailure().call(failure -> {
                    LOG.errorf(failure, "Run %s failed after %d acknowledged sends", runId, acknowledged[0]);
                    return store.finish(runId, acknowledged[0], String.valueOf(failure.getMessage()));
                })
                .onTermination().invoke(sending::release)
                .subscribe().with(done -> LOG.infof("Run %s sent %d events", runId, plan.emissions().size()),
                        failure -> LOG.errorf(failure, "Run %s could not record its end", runId));
    }

    private JsonObject toJson(Scenario scenario) {
        try {
            return new JsonObject(json.writeValueAsString(scenario));
        } catch (Exception e) {
            throw new IllegalStateException("scenario not serializable", e);
        }
    }

    private static Scenario emptyScenario() {
        return new Scenario(null, null, null, null, null, null, null, null, null, null, null);
    }
}
