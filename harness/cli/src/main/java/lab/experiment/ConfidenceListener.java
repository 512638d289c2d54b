package lab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens to the service's SSE stream of confidence changes (GET /api/stream/confidence) and keeps every change,
 * with the time it was received, until closed. Opened before a run starts, so it misses none of the run's.
 */
final class ConfidenceListener implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> changes = new ArrayList<>();
    private final StringBuilder data = new StringBuilder();
    private InputStream body;
    private volatile boolean closed;
    private volatile String error;

    /** Connects, waits until the stream is open (its headers arrived), then reads it on a daemon thread. */
    static ConfidenceListener open(HttpClient http, String base) {
        ConfidenceListener listener = new ConfidenceListener();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/stream/confidence"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                listener.error = "the stream answered " + response.statusCode();
                response.body().close();
                return listener;
            }
            listener.body = response.body();
            Thread reader = new Thread(listener::read, "confidence-stream");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            listener.error = "the stream could not be opened: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.error = "interrupted while opening the stream";
        }
        return listener;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                accept(line);
            }
            if (!closed) {
                error = "the service closed the stream";
            }
        } catch (IOException e) {
            if (!closed) {
                error = "the stream failed: " + e.getMessage();
            }
        }
    }

    /** The changes of one run received so far, each with received_at. */
    synchronized List<JsonNode> changesOf(String runId) {
        return changes.stream().filter(c -> runId.equals(c.path("run_id").asText())).toList();
    }

    /** Why changes stopped arriving, or null while the stream is open. */
    String error() {
        return error;
    }

    /** SSE: "data:" lines of an event accumulate until the blank line that ends it; comments (heartbeats) are skipped. */
    synchronized void accept(String line) {
        if (line.startsWith("data:")) {
            data.append(line.substring(5).strip());
        } else if (line.isEmpty() && !data.isEmpty()) {
            try {
                ObjectNode change = (ObjectNode) JSON.readTree(data.toString());
                change.put("received_at", Instant.now().toString());
                changes.add(change);
            } catch (IOException | ClassCastException e) {
                error = "an event that is not a JSON object: " + data;
            }
            data.setLength(0);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (body != null) {
            try {
                body.close();
            } catch (IOException ignored) {
                // the stream is being abandoned either way
            }
        }
    }
}
