package lab.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import lab.stack.Component;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;
import lab.stack.Status;

/**
 * `lab demo`: the whole stack, one generator run through Mode A, and once the pipeline has settled, the
 * verdict of every window (oracle vs PostgreSQL) with the windows that are not correct and where to look.
 */
public final class Demo {

    /** The scenario: duplicates, out-of-order, late events and a replay, deterministic by seed. */
    static final String SCENARIO = """
            {"seed":42,"keys":4,"events_per_key":200,"window_size_ms":10000,\
            "duplicates":{"rate":0.2},"out_of_order":{"window_ms":3000},\
            "late":{"fraction":0.05,"late_by_ms":30000},"replay":{"from_sequence":50,"count":40}}""";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Stack stack;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Demo(Stack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    /** Against the local stack, started first. */
    public int run() {
        for (String needed : List.of("app", "processor")) {
            Component c = stack.component(needed);
            if (c.unavailableReason() != null) {
                throw new LabException("the demo needs " + needed + ": " + c.unavailableReason());
            }
        }
        out.print(Status.table(stack.status(stack.up(List.of()))));
        return run(stack.component("app").endpoint());
    }

    /** Against a service already running at base (e.g. port-forwarded from Kubernetes, or Docker Compose). */
    public int run(String base) {
        long begin = System.nanoTime();
        String api = base + "/api/runs";
        out.printf("%nFollow the run live in the dashboard: %s/%n", base);

        out.printf("%nPOST %s%n  %s%n", api, SCENARIO);
        JsonNode created = call(HttpRequest.newBuilder(URI.create(api))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SCENARIO)), 201);
        String runId = created.path("run_id").asText();
        if (runId.isEmpty()) {
            throw new LabException("the service answered without run_id: " + created);
        }
        JsonNode run = awaitEnd(api + "/" + runId);
        out.printf("%nrun %s: %s%n", runId, run.path("state").asText());
        if (!"DONE".equals(run.path("state").asText())) {
            out.print(JsonReport.render(run));
            return 1;
        }
        JsonNode summary = call(HttpRequest.newBuilder(URI.create(api + "/" + runId + "/summary")), 200);
        out.printf("%n== summary of run %s: produced vs ground truth ==%n%s", runId, JsonReport.render(summary));

        String verdictUrl = api + "/" + runId + "/verdict";
        out.printf("%nwaiting for the pipeline to settle (no window MISSING, totals unchanged for %d s; at most %d s)%n",
                Settle.QUIET.toSeconds(), Settle.LIMIT.toSeconds());
        long settleBegin = System.nanoTime();
        Settled outcome = awaitSettled(verdictUrl);
        JsonNode verdict = outcome.verdict();
        boolean settled = outcome.settled();
        double settleSeconds = (System.nanoTime() - settleBegin) / 1e9;
        if (settled) {
            out.printf("settled after %.1f s%n", settleSeconds);
        } else {
            out.printf("did NOT settle within %d s (%d windows still MISSING); this is what there is:%n",
                    Settle.LIMIT.toSeconds(), Settle.missing(verdict));
        }
        out.printf("%n== verdict of run %s: oracle vs stores ==%n%s", runId, VerdictReport.totals(verdict));
        out.printf("%n== windows not CORRECT (at most %d) ==%n%s", VerdictReport.MAX_WINDOWS,
                VerdictReport.notCorrect(verdict));

        String key = VerdictReport.sampleKey(verdict);
        out.printf("%n== explore ==%n");
        out.printf("  %s/  (dashboard)%n", base);
        out.printf("  %s/api/runs/%s%n", base, runId);
        out.printf("  %s/api/runs/%s/verdict%n", base, runId);
        if (key != null) {
            out.printf("  %s/api/aggregates/%s%n", base, key);
        }
        out.printf("  %s/api/decisions?runId=%s%n", base, runId);
        out.printf("  %s/api/stream/confidence?runId=%s%n", base, runId);
        out.printf("  %s/q/openapi%n", base);
        out.printf("%nThe stack keeps running%n");
        out.printf("demo took %.1f s%n", (System.nanoTime() - begin) / 1e9);
        return settled ? 0 : 1;
    }

    private record Settled(JsonNode verdict, boolean settled) {
    }

    /** Polls the verdict until {@link Settle} says it has settled or gives up; returns the last verdict. */
    private Settled awaitSettled(String url) {
        Settle settle = new Settle(System.currentTimeMillis());
        while (true) {
            JsonNode verdict = call(HttpRequest.newBuilder(URI.create(url)), 200);
            long now = System.currentTimeMillis();
            boolean settled = settle.settled(now, verdict);
            if (settle.changedAt(now)) {
                out.println("  " + VerdictReport.summary(verdict));
            }
            if (settled) {
                return new Settled(verdict, true);
            }
            if (settle.expired(now)) {
                return new Settled(verdict, false);
            }
            Sleep.millis(1000);
        }
    }

    /** Polls the run until DONE or FAILED, printing progress when it changes. */
    private JsonNode awaitEnd(String url) {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        String last = "";
        while (true) {
            JsonNode run = call(HttpRequest.newBuilder(URI.create(url)), 200);
            String state = run.path("state").asText();
            String progress = state + ", events_sent " + run.path("events_sent").asText("?");
            if (!progress.equals(last)) {
                out.println("  " + progress);
                last = progress;
            }
            if (state.equals("DONE") || state.equals("FAILED")) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("run not finished after " + RUN_TIMEOUT.toMinutes() + " min: " + run);
            }
            Sleep.millis(1000);
        }
    }

    private JsonNode call(HttpRequest.Builder request, int expectedStatus) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new LabException(built.method() + " " + built.uri() + " answered " + response.statusCode()
                        + " (expected " + expectedStatus + "): " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new LabException(built.method() + " " + built.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }
}
