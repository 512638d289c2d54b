package lab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.TreeMap;
import lab.components.Kafka;
import lab.fault.FaultOptions;
import lab.fault.Faults;
import lab.fault.InjectedFault;
import lab.kafka.Topics;
import lab.service.ServiceApi;
import lab.stack.Daemon;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs one case on the running stack: listens to the confidence stream, starts the seeded run, injects each fault
 * at its point (recording it in the run's history), samples the read models and the verdict every second, waits
 * for the run to be sent and the pipeline to settle (bounded: a timeout is reported, never hidden), then collects
 * the decisions and judges the case's rows.
 */
final class CaseRunner {

    static final Duration FAULT_POINT_LIMIT = Duration.ofSeconds(90);
    static final String EVENTS = "lab.events";
    static final String RESULTS = "lab.results";
    static final Duration SEND_LIMIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;

    private final Stack stack;
    private final ServiceApi service;
    private final PrintStream out;
    private final boolean quick;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CaseRunner(Stack stack, ServiceApi service, PrintStream out, boolean quick) {
        this.stack = stack;
        this.service = service;
        this.out = out;
        this.quick = quick;
    }

    CaseResult run(Case kase) {
        for (String needed : kase.needs()) {
            if (stack.daemon(stack.component(needed)).state() != Daemon.State.RUNNING) {
                return CaseResult.notRun(kase, needed + " is not running (./lab up " + needed + ")");
            }
        }
        long begin = System.nanoTime();
        boolean cdc = !kase.needs().isEmpty();
        Kafka kafka = (Kafka) stack.component("kafka");
        try (ConfidenceListener stream = ConfidenceListener.open(http, service.base());
             Topics topics = new Topics(kafka.endpoint())) {
            Map<TopicPartition, Long> resultsFrom = topics.ends(RESULTS);
            JsonNode created = service.post("/api/runs", quick ? kase.quickRun() : kase.fullRun());
            String runId = created.path("run_id").asText();
            int planned = created.path("events_planned").asInt();
            out.printf("  run %s: %d events planned%n", runId, planned);
            List<JsonNode> samples = new CopyOnWriteArrayList<>();
            List<JsonNode> reads = new CopyOnWriteArrayList<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sampler");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleAtFixedRate(() -> sample(runId, cdc, samples, reads), 0, 1, TimeUnit.SECONDS);
            List<InjectedFault> faults = new ArrayList<>();
            List<String> faultErrors = new ArrayList<>();
            try (RunResults results = new RunResults(kafka.endpoint(), resultsFrom, runId)) {
                for (Case.FaultStep step : kase.faults()) {
                    inject(runId, planned, step, faults, faultErrors);
                }
                JsonNode run = awaitSent(runId);
                out.printf("  run %s %s: %s events sent%n", runId, run.path("state").asText(), run.path("events_sent").asText());
                Settled settled = settle(runId, topics, results);
                sampler.shutdown();
                sampler.awaitTermination(10, TimeUnit.SECONDS);
                List<JsonNode> decisions = decisions(runId);
                List<JsonNode> transitions = stream.changesOf(runId);
                if (stream.error() != null) {
                    faultErrors.add("confidence stream: " + stream.error());
                }
                Observe.Evidence evidence = new Observe.Evidence(decisions, settled.verdict(), samples, reads, cdc);
                List<CaseResult.Row> rows = kase.rows().stream()
                        .map(e -> judge(e, evidence, settled.settled(), faults, faultErrors)).toList();
                return new CaseResult(kase, runId, service.get("/api/runs/" + runId), faults, faultErrors, decisions,
                        transitions, samples, reads, settled.verdict(), settled.settled(),
                        (System.nanoTime() - begin) / 1e9, rows, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted");
            } finally {
                sampler.shutdownNow();
            }
        }
    }

    /**
     * Waits until the step's share of the run is sent and a window of it is decided, injects the fault (which may wait
     * for a state of its own) and records it in the run's history; a point not reached, or a failure, is kept as an
     * error (the row then differs).
     */
    private void inject(String runId, int planned, Case.FaultStep step, List<InjectedFault> faults, List<String> errors) {
        long deadline = System.nanoTime() + FAULT_POINT_LIMIT.toNanos();
        int target = (int) Math.ceil(planned * step.atSent());
        Optional<String> point = Optional.empty();
        while (point.isEmpty()) {
            point = reached(runId, target);
            if (point.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    errors.add(step.fault() + ": " + target + " events sent and a decision not reached in "
                            + FAULT_POINT_LIMIT.toSeconds() + " s; not injected");
                    return;
                }
                Sleep.millis(200);
            }
        }
        out.printf("  fault %s%s once %s%n", step.fault(), step.argument() == null ? "" : " " + step.argument(), point.get());
        try {
            InjectedFault injected = InjectedFault.inject(Faults.named(step.fault()), stack, out,
                    new FaultOptions(step.argument(), quick ? step.quickOptions() : step.fullOptions()));
            service.recordFault(runId, injected);
            faults.add(injected);
        } catch (LabException e) {
            errors.add(step.fault() + " failed: " + e.getMessage());
            out.printf("  fault %s FAILED: %s%n", step.fault(), e.getMessage());
        }
    }

    /** What shows that target events of the run are sent (or all, if fewer) and a window decided; empty until then. */
    private Optional<String> reached(String runId, int target) {
        JsonNode run = service.get("/api/runs/" + runId);
        int sent = run.path("events_sent").asInt();
        if ((sent < target && "RUNNING".equals(run.path("state").asText()))
                || service.get("/api/decisions?size=1&runId=" + runId).path("total").asLong() == 0) {
            return Optional.empty();
        }
        return Optional.of(sent + " events sent and a window decided");
    }

    private JsonNode awaitSent(String runId) {
        long deadline = System.nanoTime() + SEND_LIMIT.toNanos();
        while (true) {
            JsonNode run = service.get("/api/runs/" + runId);
            if (!"RUNNING".equals(run.path("state").asText())) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("run " + runId + " still sending after " + SEND_LIMIT.toMinutes() + " min: " + run);
            }
            Sleep.millis(500);
        }
    }

    private record Settled(JsonNode verdict, boolean settled) {
    }

    /** Polls the pipeline's state until {@link Settle} finds nothing to wait for, or its limit passes. */
    private Settled settle(String runId, Topics topics, RunResults results) {
        Map<TopicPartition, Long> eventsEnd = topics.ends(EVENTS);
        List<String> groups = List.of(stack.config().property("processor.consumer-group"),
                stack.config().property("flink.consumer-group"));
        out.printf("  settling: waiting until %s have committed lab.events to %s and every committed result is decided "
                + "(at most %d s)%n", groups, Topics.byPartition(eventsEnd), Settle.LIMIT.toSeconds());
        long begin = System.nanoTime();
        List<String> last = List.of();
        while (true) {
            Map<String, Long> behind = new TreeMap<>();
            groups.forEach(g -> behind.put(g, topics.behind(g, EVENTS, eventsEnd)));
            List<Integer> open = topics.openTransactions(RESULTS).stream().map(TopicPartition::partition).toList();
            long committed = results.committed();
            long decisions = service.get("/api/decisions?size=1&runId=" + runId).path("total").asLong();
            JsonNode verdict = service.get("/api/runs/" + runId + "/verdict");
            List<String> waiting = Settle.waitingFor(new Settle.State(true, behind, open, committed, decisions,
                    Settle.pending(verdict)));
            double seconds = (System.nanoTime() - begin) / 1e9;
            if (waiting.isEmpty()) {
                out.printf("  settled after %.1f s: %d committed results of the run, %d decisions; %s%n", seconds,
                        committed, decisions, VerdictReport.summary(verdict));
                return new Settled(verdict, true);
            }
            if (seconds > Settle.LIMIT.toSeconds()) {
                out.printf("  did NOT settle within %d s, waiting for: %s%n", Settle.LIMIT.toSeconds(), String.join("; ", waiting));
                return new Settled(verdict, false);
            }
            if (!waiting.equals(last)) {
                out.printf("    waiting for %s%n", String.join("; ", waiting));
                last = waiting;
            }
            Sleep.millis(500);
        }
    }


    /** Every logged decision of the run, oldest first. */
    private List<JsonNode> decisions(String runId) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = service.get("/api/decisions?size=" + PAGE + "&page=" + page + "&runId=" + runId);
            answer.path("items").forEach(all::add);
            if (answer.path("items").size() < PAGE) {
                return all.reversed();
            }
        }
    }

    /** One sample: events sent, verdict totals and, where the service has them, the read models' lag (and an EVENTUAL read). */
    private void sample(String runId, boolean cdc, List<JsonNode> samples, List<JsonNode> reads) {
        try {
            ObjectNode s = JSON.createObjectNode().put("at", Instant.now().toString());
            s.put("events_sent", service.get("/api/runs/" + runId).path("events_sent").asInt());
            s.set("totals", service.get("/api/runs/" + runId + "/verdict").path("totals"));
            Optional<JsonNode> models = service.find("/api/read-models?runId=" + runId);
            models.ifPresent(m -> s.set("read_models", m));
            samples.add(s);
            if (cdc && models.isPresent()) {
                service.find("/api/aggregates/" + runId + "-acct-0001?scope=EVENTUAL").ifPresent(answer -> {
                    ObjectNode read = JSON.createObjectNode().put("at", s.path("at").asText());
                    read.set("answer", answer);
                    reads.add(read);
                });
            }
        } catch (LabException e) {
            ObjectNode failed = JSON.createObjectNode().put("at", Instant.now().toString()).put("error", e.getMessage());
            samples.add(failed);
        }
    }

    private static CaseResult.Row judge(Case.Expected e, Observe.Evidence evidence, boolean settled,
                                        List<InjectedFault> faults, List<String> faultErrors) {
        Observe.Observed o = Observe.row(e.engine(), evidence);
        Observe.Accounting accounting = e.engine().equals(DecisionTable.FLINK)
                ? Observe.accounting(evidence.verdict(), DecisionTable.FLINK) : null;
        List<String> dishonest = VerdictDigest.wrongButHigh(evidence.verdict(), e.engine());
        boolean matches = settled && faultErrors.isEmpty() && dishonest.isEmpty()
                && e.postgres().equals(o.postgres())
                && measuredEqual(e.mongodb(), o.mongodb())
                && measuredEqual(e.elasticsearch(), o.elasticsearch())
                && measuredEqual(e.decision(), o.decision())
                && (accounting == null || accounting.complete());
        List<String> why = new ArrayList<>();
        List<JsonNode> decisions = evidence.decisions().stream().filter(d -> Observe.ofEngine(d, e.engine())).toList();
        why.add("decisions " + Observe.kinds(decisions));
        why.add(Describe.totals(evidence.verdict(), e.engine()));
        why.add(Describe.honesty(dishonest));
        if (accounting != null) {
            why.add("events accounted " + accounting.accounted() + "/" + accounting.expected()
                    + (accounting.windowsOff() > 0 ? ", " + accounting.windowsOff() + " windows off" : ""));
        }
        if (evidence.cdcCase()) {
            why.add(Describe.eventualReads(Observe.eventualReads(evidence.eventualReads())));
        }
        faults.forEach(f -> why.add(Describe.fault(f)));
        why.addAll(faultErrors);
        if (!settled) {
            why.add("did not settle within " + Settle.LIMIT.toSeconds() + " s");
        }
        return new CaseResult.Row(e, o, matches, String.join("; ", why), accounting);
    }

    /** A column this stack could not measure does not make a row differ; the report shows it as n/a. */
    private static boolean measuredEqual(String expected, String observed) {
        return observed.equals(Observe.NOT_MEASURED) || expected.equals(observed);
    }
}
