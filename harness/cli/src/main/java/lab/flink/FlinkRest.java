package lab.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import lab.stack.LabException;

/** The JobManager's REST API: the lab controls the cluster and its jobs only through it. */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration PROBE = Duration.ofSeconds(5);
    private static final Duration SLOW = Duration.ofSeconds(120);

    private final String base;

    public FlinkRest(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    /** The JobManager answers GET /overview. */
    public boolean answers() {
        try {
            get("/overview");
            return true;
        } catch (LabException e) {
            return false;
        }
    }

    public JsonNode overview() {
        return get("/overview");
    }

    /** GET /taskmanagers: the registered TaskManagers. */
    public JsonNode taskManagers() {
        return get("/taskmanagers").path("taskmanagers");
    }

    /** GET /jobs/overview: every job the JobManager knows since it started. */
    public List<JobSummary> jobs() {
        return JobSummary.parseOverview(get("/jobs/overview"));
    }

    /** GET /jobs/{id}: state and vertices. */
    public JsonNode job(String id) {
        return get("/jobs/" + id);
    }

    public JsonNode checkpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** GET /jobs/{id}/checkpoints/config: interval, timeout (ms) and the other checkpoint settings of the job. */
    public JsonNode checkpointConfig(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints/config");
    }

    public JsonNode exceptions(String jobId) {
        return get("/jobs/" + jobId + "/exceptions");
    }

    public JsonNode jars() {
        return get("/jars");
    }

    public void deleteJar(String jarId) {
        send("DELETE", "/jars/" + jarId, null, PROBE);
    }

    /** POST /jars/upload (multipart, field jarfile); returns the jar id the run call takes. */
    public String upload(Path jar) {
        String boundary = "lab-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                    + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(jar));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LabException("cannot read " + jar + ": " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/jars/upload")).timeout(SLOW)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        JsonNode answer = exchange(request, "POST /jars/upload");
        String file = answer.path("filename").asText();
        if (!"success".equals(answer.path("status").asText()) || file.isEmpty()) {
            throw new LabException("Flink did not accept the upload of " + jar + ": " + answer);
        }
        return Path.of(file).getFileName().toString();
    }

    /** POST /jars/{id}/run; savepointPath may be null (fresh start). Returns the job id. */
    public String run(String jarId, String entryClass, List<String> args, String savepointPath) {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", entryClass);
        body.putPOJO("programArgsList", args);
        if (savepointPath != null) {
            body.put("savepointPath", savepointPath);
            body.put("allowNonRestoredState", false);
        }
        JsonNode answer = send("POST", "/jars/" + jarId + "/run", body.toString(), SLOW);
        String jobId = answer.path("jobid").asText();
        if (jobId.isEmpty()) {
            throw new LabException("Flink answered the run of " + jarId + " without a job id: " + answer);
        }
        return jobId;
    }

    /** PATCH /jobs/{id}?mode=cancel */
    public void cancel(String jobId) {
        send("PATCH", "/jobs/" + jobId + "?mode=cancel", null, PROBE);
    }

    /** POST /jobs/{id}/stop (stop with a savepoint in the configured savepoint dir); returns the trigger id. */
    public String stopWithSavepoint(String jobId) {
        JsonNode answer = send("POST", "/jobs/" + jobId + "/stop", "{\"drain\":false}", PROBE);
        String trigger = answer.path("request-id").asText();
        if (trigger.isEmpty()) {
            throw new LabException("Flink answered stop-with-savepoint of " + jobId + " without a request id: " + answer);
        }
        return trigger;
    }

    /** GET /jobs/{id}/savepoints/{trigger}: status.id IN_PROGRESS or COMPLETED, then operation.location or failure-cause. */
    public JsonNode savepointStatus(String jobId, String trigger) {
        return get("/jobs/" + jobId + "/savepoints/" + trigger);
    }

    private JsonNode get(String path) {
        return send("GET", path, null, PROBE);
    }

    private JsonNode send(String method, String path, String json, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return exchange(request.build(), method + " " + path);
    }

    private JsonNode exchange(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LabException("the Flink JobManager at " + base + " does not answer " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted: " + what);
        }
        if (response.statusCode() / 100 != 2) {
            throw new LabException("Flink " + what + " answered " + response.statusCode() + ": " + errors(response.body()));
        }
        try {
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new LabException("Flink " + what + " answered something that is not JSON: " + response.body(), e);
        }
    }

    /** Flink's error body is {"errors": ["...", "<stack trace>"]}: the first lines say what went wrong. */
    static String errors(String body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                StringBuilder out = new StringBuilder();
                for (JsonNode e : errors) {
                    List<String> lines = e.asText().lines().limit(6).toList();
                    out.append(String.join("\n", lines)).append('\n');
                }
                return out.toString().strip();
            }
        } catch (IOException ignored) {
            // not JSON: show it as it is
        }
        return body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
    }
}
