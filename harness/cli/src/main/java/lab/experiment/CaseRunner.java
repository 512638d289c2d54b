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
import lab.fault.FaultOptions;
import lab.fault.Faults;
import lab.fault.InjectedFault;
import lab.service.ServiceApi;
import lab.stack.Daemon;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;

/**
 * Runs one case on the running stack: listens to the confidence stream, starts the seeded run, injects each fault
 * at its point (recording it in the run's history), samples the read models and the verdict every second, waits
 * for the run to be sent and the pipeline to settle (bounded: a timeout is reported, never hidden), then collects
 * the decisions and judges the case's rows.
 */
final class CaseRunner {

    static final Duration FAULT_POINT_LIMIT = Duration.ofSeconds(90);
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
            if (!stack.knows(needed)) {
                return CaseResult.notRun(kase, "this stack has no " + needed);
            }
            if (stack.daemon(stack.component(needed)).state() != Daemon.State.RUNNING) {
                return CaseResult.notRun(kase, needed + " is not running (./lab up " + needed + ")");
            }
        }
        long begin = System.nanoTime();
        boolean cdc = !kase.needs().isEmpty();
        try (ConfidenceListener stream = ConfidenceListener.open(http, service.base())) {
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
            try {
                for (Case.FaultStep step : kase.faults()) {
                    inject(runId, planned, step, faults, faultErrors);
                }
                JsonNode run = awaitSent(runId);
                out.printf("  run %s %s: %s events sent%n", runId, run.path("state").asText(), run.path("events_sent").asText());
                Settled settled = settle(runId);
                Sleep.millis(1000);
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

    /** Waits for the fault's point of the run, injects it and records it in the run's history; a failure is kept. */
    private void inject(String runId, int planned, Case.FaultStep step, List<InjectedFault> faults, List<String> errors) {
        long deadline = System.nanoTime() + FAULT_POINT_LIMIT.toNanos();
        int target = (int) Math.ceil(planned * step.atSent());
        while (true) {
            JsonNode run = service.get("/api/runs/" + runId);
            boolean sent = run.path("events_sent").asInt() >= target || !"RUNNING".equals(run.path("state").asText());
            if (sent && service.get("/api/decisions?size=1&runId=" + runId).path("total").asLong() > 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                errors.add(step.fault() + ": its point (" + target + " events sent and a decision) not reached in "
                        + FAULT_POINT_LIMIT.toSeconds() + " s; injected anyway");
                break;
            }
            Sleep.millis(200);
        }
        out.printf("  fault %s%s at %d%% of the run%n", step.fault(), step.argument() == null ? "" : " " + step.argument(),
                Math.round(step.atSent() * 100));
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

    private Settled settle(String runId) {
        out.printf("  settling (no window MISSING or LAGGING, totals unchanged for %d s; at most %d s)%n",
                Settle.QUIET.toSeconds(), Settle.LIMIT.toSeconds());
        long begin = System.nanoTime();
        Settle settle = new Settle(System.currentTimeMillis());
        while (true) {
            JsonNode verdict = service.get("/api/runs/" + runId + "/verdict");
            long now = System.currentTimeMillis();
            boolean settled = settle.settled(now, verdict);
            if (settle.changedAt(now)) {
                out.println("    " + VerdictReport.summary(verdict));
            }
            if (settled || settle.expired(now)) {
                double seconds = (System.nanoTime() - begin) / 1e9;
                out.printf(settled ? "  settled after %.1f s%n" : "  did NOT settle within %.0f s%n",
                        settled ? seconds : (double) Settle.LIMIT.toSeconds());
                return new Settled(verdict, settled);
            }
            Sleep.millis(1000);
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
        boolean matches = settled && faultErrors.isEmpty()
                && e.postgres().equals(o.postgres())
                && measuredEqual(e.mongodb(), o.mongodb())
                && measuredEqual(e.elasticsearch(), o.elasticsearch())
                && measuredEqual(e.decision(), o.decision())
                && (accounting == null || accounting.complete());
        List<String> why = new ArrayList<>();
        List<JsonNode> decisions = evidence.decisions().stream().filter(d -> Observe.ofEngine(d, e.engine())).toList();
        why.add("decisions " + Observe.kinds(decisions));
        why.add(Describe.totals(evidence.verdict(), e.engine()));
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
