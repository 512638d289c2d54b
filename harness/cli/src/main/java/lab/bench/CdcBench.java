package lab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import lab.components.Elasticsearch;
import lab.components.MongoDb;
import lab.components.Postgres;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;
import org.bson.Document;

/**
 * `lab bench cdc`: how far each read model trails PostgreSQL. Writes outbox rows straight into PostgreSQL at a
 * steady rate, one new document each, step by step at rising rates; each document records when PostgreSQL
 * committed it and when CDC applied it, so the lag of every change is measured, per read model.
 * A rate is sustained when the writer kept it, every change arrived, and p99 stayed within {@link #TARGET_P99_MS}.
 */
public final class CdcBench {

    public static final List<Integer> DEFAULT_RATES = List.of(250, 500, 1000, 2000);
    public static final int DEFAULT_SECONDS = 15;
    static final String HEADING = "== CDC lag benchmark";
    static final long TARGET_P99_MS = 1000;
    private static final int TICKS_PER_SECOND = 50;
    private static final Duration DRAIN = Duration.ofSeconds(90);
    private static final int CHUNK = 1000;

    private final Stack stack;
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String benchId = "bench-" + UUID.randomUUID().toString().substring(0, 6);

    public CdcBench(Stack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    /** Lags of one read model at one rate. */
    record StoreFigures(String store, int expected, List<Long> lagsMs) {
        boolean complete() {
            return lagsMs.size() == expected;
        }

        long percentile(double p) {
            return Percentiles.of(lagsMs, p);
        }
    }

    record Step(int rate, double achieved, List<StoreFigures> stores) {
        boolean sustained(StoreFigures s) {
            return achieved >= rate * 0.95 && s.complete() && s.percentile(99) <= TARGET_P99_MS;
        }
    }

    public int run(List<Integer> rates, int seconds) {
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r < TICKS_PER_SECOND) || seconds < 1) {
            throw new LabException("rates must each be at least " + TICKS_PER_SECOND + "/s and --seconds at least 1");
        }
        long begin = System.nanoTime();
        stack.up(List.of());
        Postgres postgres = (Postgres) stack.component("postgres");
        MongoDb mongoDb = (MongoDb) stack.component("mongodb");
        Elasticsearch elasticsearch = (Elasticsearch) stack.component("elasticsearch");
        int running = (int) stack.status().stream().filter(s -> s.state().equals("running")).count();
        List<Step> steps = new ArrayList<>();
        try (Connection pg = DriverManager.getConnection(postgres.jdbcUrl(), Postgres.USER, "");
             MongoClient mongo = MongoClients.create(mongoDb.endpoint())) {
            for (int rate : rates) {
                out.printf("%nrate %d/s: writing %d outbox rows over %d s%n", rate, rate * seconds, seconds);
                List<String> ids = new ArrayList<>();
                double achieved = write(pg, rate, seconds, ids);
                out.printf("  written at %.0f/s; waiting for both read models%n", achieved);
                List<StoreFigures> stores = List.of(
                        new StoreFigures("MONGODB", ids.size(), awaitLags(() -> mongoLags(mongo, ids), ids.size())),
                        new StoreFigures("ELASTICSEARCH", ids.size(),
                                awaitLags(() -> elasticsearchLags(elasticsearch, ids), ids.size())));
                steps.add(new Step(rate, achieved, stores));
            }
        } catch (SQLException | IOException e) {
            throw new LabException("CDC benchmark failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
        out.printf("%n%s%nbenchmark took %.0f s%n", figures(steps, seconds, running), (System.nanoTime() - begin) / 1e9);
        return 0;
    }

    /** Inserts {@code rate} rows a second for {@code seconds}, a small transaction per tick; returns the rate kept. */
    private double write(Connection pg, int rate, int seconds, List<String> ids) throws SQLException, IOException {
        pg.setAutoCommit(false);
        long tickNanos = 1_000_000_000L / TICKS_PER_SECOND;
        int perTick = rate / TICKS_PER_SECOND;
        long start = System.nanoTime();
        try (PreparedStatement insert = pg.prepareStatement(
                "insert into outbox (aggregate_id, version, payload) values (?, 1, ?::jsonb)")) {
            for (int tick = 0; tick < seconds * TICKS_PER_SECOND; tick++) {
                for (int i = 0; i < perTick; i++) {
                    String key = benchId + "-" + rate + "-" + ids.size();
                    String id = "FLINK|" + key + "|2026-01-01T00:00:00Z";
                    insert.setString(1, id);
                    insert.setString(2, document(id, key));
                    insert.addBatch();
                    ids.add(id);
                }
                insert.executeBatch();
                pg.commit();
                Sleep.nanosUntil(start + (tick + 1) * tickNanos);
            }
        }
        return ids.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** A complete read-model document: the same fields the decision layer writes. */
    private String document(String id, String key) throws IOException {
        ObjectNode d = json.createObjectNode();
        d.put("aggregate_id", id).put("business_key", key).put("window_start", "2026-01-01T00:00:00Z")
                .put("window_end", "2026-01-01T00:00:10Z").put("run_id", benchId).put("calculated_value", 1)
                .put("event_count", 1).put("revision", 1).put("confidence_level", "HIGH").put("stale", false)
                .put("needs_reprocessing", false).put("dropped_late_events", 0).put("processing_engine", "FLINK")
                .put("incarnation", benchId).putNull("checkpoint_id").putNull("last_checkpoint_time")
                .put("updated_at", Instant.now().toString()).put("version", 1).put("decision", "INSERTED")
                .put("reason", "cdc benchmark");
        return json.writeValueAsString(d);
    }

    interface LagReader {
        List<Long> read() throws IOException, InterruptedException;
    }

    /** Polls until every document arrived or the drain time is up; returns the lags found. */
    private List<Long> awaitLags(LagReader reader, int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        List<Long> lags = reader.read();
        while (lags.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            lags = reader.read();
        }
        return lags;
    }

    private List<Long> mongoLags(MongoClient mongo, List<String> ids) {
        List<Long> lags = new ArrayList<>();
        var collection = mongo.getDatabase("lab").getCollection("aggregates");
        for (int from = 0; from < ids.size(); from += CHUNK) {
            for (Document d : collection.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + CHUNK))))
                    .projection(Projections.include("source_commit_time", "last_cdc_sync_time"))) {
                lags.add(lag(d.getString("source_commit_time"), d.getString("last_cdc_sync_time")));
            }
        }
        return lags;
    }

    private List<Long> elasticsearchLags(Elasticsearch elasticsearch, List<String> ids) throws IOException, InterruptedException {
        List<Long> lags = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            ObjectNode body = json.createObjectNode();
            ids.subList(from, Math.min(ids.size(), from + CHUNK)).forEach(body.putArray("ids")::add);
            HttpRequest request = HttpRequest.newBuilder(URI.create(elasticsearch.endpoint()
                            + "/aggregates/_mget?_source_includes=source_commit_time,last_cdc_sync_time"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return lags;
            }
            for (JsonNode doc : json.readTree(response.body()).path("docs")) {
                if (doc.path("found").asBoolean()) {
                    JsonNode source = doc.path("_source");
                    lags.add(lag(source.path("source_commit_time").asText(), source.path("last_cdc_sync_time").asText()));
                }
            }
        }
        return lags;
    }

    private static long lag(String committed, String applied) {
        return Duration.between(Instant.parse(committed), Instant.parse(applied)).toMillis();
    }

    String figures(List<Step> steps, int seconds, int running) {
        StringBuilder b = new StringBuilder();
        b.append(HEADING).append(" (PostgreSQL commit -> document applied, ").append(seconds).append(" s per rate) ==\n");
        b.append(String.format(Locale.ROOT, "%7s %9s  %-13s %13s %7s %7s %7s %7s  %s%n",
                "rate/s", "written/s", "read model", "applied", "p50 ms", "p95 ms", "p99 ms", "max ms", "sustained"));
        Map<String, Integer> best = new HashMap<>();
        for (Step step : steps) {
            for (StoreFigures s : step.stores()) {
                boolean sustained = step.sustained(s);
                b.append(String.format(Locale.ROOT, "%7d %9.0f  %-13s %13s %7d %7d %7d %7d  %s%n", step.rate(),
                        step.achieved(), s.store(), s.lagsMs().size() + "/" + s.expected(), s.percentile(50),
                        s.percentile(95), s.percentile(99), s.percentile(100), sustained ? "yes" : "no"));
                if (sustained) {
                    best.merge(s.store(), step.rate(), Math::max);
                }
            }
        }
        b.append("highest sustained rate (p99 <= ").append(TARGET_P99_MS).append(" ms, every change applied): ");
        b.append(String.join(", ", steps.getFirst().stores().stream()
                .map(s -> s.store() + " " + (best.containsKey(s.store()) ? best.get(s.store()) + "/s" : "none of these"))
                .toList())).append('\n');
        b.append(String.format("machine: %d cores, %d lab components running%n",
                Runtime.getRuntime().availableProcessors(), running));
        return b.toString();
    }
}
