package lab.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import lab.fault.InjectedFault;
import lab.stack.LabException;

/**
 * The service's REST API (docs/api.md, docs/consistency-spec.md §8) as the lab drives and reads it: JSON in, JSON
 * out.
 */
public final class ServiceApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ServiceApi(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public JsonNode get(String path) {
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).GET(), 200).orElseThrow();
    }

    /** GET that answers empty when the service has no such resource (404), e.g. an endpoint of a newer service. */
    public Optional<JsonNode> find(String path) {
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).GET(), 200);
    }

    public JsonNode post(String path, String json) {
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), 201).orElseThrow();
    }

    /** Fails unless the service knows run runId. */
    public void requireRun(String runId) {
        if (find("/api/runs/" + runId).isEmpty()) {
            throw new LabException("the service at " + base + " has no run " + runId);
        }
    }

    /** Appends the fault to the run's history (POST /api/runs/{id}/faults). */
    public JsonNode recordFault(String runId, InjectedFault fault) {
        ObjectNode body = JSON.createObjectNode()
                .put("fault", fault.fault())
                .put("target", fault.target())
                .put("started_at", fault.startedAt().toString())
                .put("ended_at", fault.endedAt().toString());
        body.set("report", JSON.valueToTree(fault.report().fields()));
        return post("/api/runs/" + runId + "/faults", body.toString());
    }

    private Optional<JsonNode> exchange(HttpRequest.Builder request, int expected) {
        HttpRequest built = request.timeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404 && built.method().equals("GET")) {
                return Optional.empty();
            }
            if (response.statusCode() != expected) {
                throw new LabException(built.method() + " " + built.uri() + " answered " + response.statusCode()
                        + " (expected " + expected + "): " + response.body());
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new LabException(built.method() + " " + built.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted: " + built.method() + " " + built.uri());
        }
    }
}
