package consistency.decision;

import consistency.store.AggregateStore;
import consistency.store.DecisionStore;
import consistency.wire.ResultCodec;
import consistency.wire.WindowResult.Engine;
import consistency.wire.WindowResult;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Results sent to the real lab.results are decided into the real PostgreSQL: one transaction per record, the
 * rules applied, the history replayable, and every confidence change streamed over SSE.
 */
@QuarkusTest
class DecisionLayerIT {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Inject
    Pool pool;
    @Inject
    DecisionStore decisions;
    @Inject
    AggregateStore aggregates;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @TestHTTPResource("/api/stream/confidence")
    URL stream;

    private final String key = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-acct-0001";

    private WindowResult result(Engine engine, long value, int revision, String incarnation, Long checkpoint, boolean late) {
        return new WindowResult(engine, key, START, START.plusSeconds(10), value, 3, revision, incarnation,
                START.plusSeconds(20), checkpoint, late, false, 0, Instant.now(), "it");
    }

    private RecordMetadata send(String value) {
        return new ResultSender(bootstrap).send(key, value);
    }

    private RecordMetadata send(WindowResult result) {
        return new ResultSender(bootstrap).send(result);
    }

    private List<Row> rows(String sql) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(key)).await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }

    private List<String> decisionsInOrder() {
        return rows("select decision from decision_log where business_key = $1 order by id").stream()
                .map(r -> r.getString(0)).toList();
    }

    private void awaitDecisions(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> decisionsInOrder().size() >= count);
    }

    @Test
    void kafkaOnlyResultsAreDecidedByTheRulesAndStreamed() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> listening = listen(events);

        send(result(Engine.KAFKA_ONLY, 100, 1, "ko-a", null, false));
        send(result(Engine.KAFKA_ONLY, 100, 1, "ko-a", null, false));
        send("{ this is not a result");
        send(result(Engine.KAFKA_ONLY, 70, 1, "ko-b", null, false));
        send(result(Engine.KAFKA_ONLY, 95, 2, "ko-b", null, true));
        awaitDecisions(4);

        assertThat(decisionsInOrder()).containsExactly("INSERTED", "DUPLICATE_IGNORED", "RESTART_DUPLICATION",
                "LATE_UPDATE_STALE");
        Row state = rows("select calculated_value, version, confidence_level, stale, incarnation, revision "
                + "from aggregate_state where business_key = $1").get(0);
        assertThat(state.getLong("calculated_value")).isEqualTo(95);
        assertThat(state.getLong("version")).isEqualTo(3);
        assertThat(state.getString("confidence_level")).isEqualTo("LOW");
        assertThat(state.getBoolean("stale")).isTrue();
        assertThat(state.getString("incarnation")).isEqualTo("ko-b");

        List<Row> outbox = rows("select version, payload from outbox where aggregate_id like '%|' || $1 || '|%' order by id");
        assertThat(outbox).extracting(r -> r.getLong("version")).containsExactly(1L, 2L, 3L);
        assertThat(outbox.get(2).getJsonObject("payload").getMap()).containsEntry("calculated_value", 95)
                .containsEntry("confidence_level", "LOW").containsEntry("stale", true).containsEntry("version", 3)
                .containsEntry("business_key", key).containsEntry("processing_engine", "KAFKA_ONLY")
                .containsKeys("window_start", "window_end", "last_checkpoint_time", "updated_at");

        JsonPath page = given().queryParam("resultKey", "KAFKA_ONLY|" + key + "|" + START).get("/api/decisions")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getInt("total")).isEqualTo(4);
        assertThat(page.getList("items.decision")).containsExactly("LATE_UPDATE_STALE", "RESTART_DUPLICATION",
                "DUPLICATE_IGNORED", "INSERTED");
        assertThat(page.getString("items[1].reason")).contains("ko-a -> ko-b").contains("100 -> 70");
        assertThat(page.getString("items[0].confidence_before")).isEqualTo("LOW");

        given().queryParam("scope", "STRONG").get("/api/aggregates/" + key).then().statusCode(200)
                .body("windows[0].value", equalTo(95))
                .body("windows[0].confidence", equalTo("LOW"))
                .body("windows[0].consistency_scope", equalTo("STRONG"))
                .body("windows[0].served_from", equalTo("POSTGRES"))
                .body("windows[0].processing_engine", equalTo("KAFKA_ONLY"))
                .body("windows[0].version", equalTo(3))
                .body("windows[0].lag.versions_behind", equalTo(0))
                .body("windows[0].stale", equalTo(true));

        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
        listening.cancel(true);
        JsonPath first = JsonPath.from(events.get(0));
        JsonPath second = JsonPath.from(events.get(1));
        assertThat(first.getString("old_confidence")).isNull();
        assertThat(first.getString("new_confidence")).isEqualTo("EVENTUALLY_CONSISTENT");
        assertThat(second.getString("old_confidence")).isEqualTo("EVENTUALLY_CONSISTENT");
        assertThat(second.getString("new_confidence")).isEqualTo("LOW");
        assertThat(second.getString("decision")).isEqualTo("RESTART_DUPLICATION");
        assertThat(second.getString("business_key")).isEqualTo(key);
        assertThat(events).hasSize(2);
    }

    @Test
    void anUnreadableResultIsRecordedAndTheNextOneStillDecided() {
        RecordMetadata bad = send("{\"processing_engine\": \"FLINK\", \"business_key\": \"" + key + "\"}");
        send(result(Engine.FLINK, 5, 1, "job-a", 1L, false));
        awaitDecisions(1);
        List<Row> logged = pool.preparedQuery("select parse_error from result_log where topic = 'lab.results' "
                        + "and kafka_partition = $1 and kafka_offset = $2")
                .execute(Tuple.of(bad.partition(), bad.offset())).await().atMost(Duration.ofSeconds(10))
                .stream().toList();
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).getString(0)).contains("window_start");
        assertThat(decisionsInOrder()).containsExactly("INSERTED");
    }

    private String parseError(RecordMetadata sent) {
        return pool.preparedQuery("select parse_error from result_log where topic = 'lab.results' "
                        + "and kafka_partition = $1 and kafka_offset = $2")
                .execute(Tuple.of(sent.partition(), sent.offset())).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
    }

    @Test
    void implausibleResultsAreLoggedWithTheReasonAndNeverDecided() {
        RecordMetadata forged = send(result(Engine.FLINK, 1, 1, "forger", Long.MAX_VALUE, false));
        RecordMetadata backwards = send(new WindowResult(Engine.FLINK, key, START, START.minusSeconds(10), 1, -5, 1,
                "forger", START, 1L, false, false, 0, Instant.now(), "it"));
        send(result(Engine.FLINK, 100, 1, "job-a", 3L, false));
        send(result(Engine.FLINK, 130, 2, "job-a", 4L, true));
        awaitDecisions(2);

        assertThat(decisionsInOrder()).as("the genuine results are not taken for rollbacks")
                .containsExactly("INSERTED", "WINDOW_RECOMPUTED");
        assertThat(parseError(forged)).startsWith("implausible result: checkpoint_id 9223372036854775807 is more than");
        assertThat(parseError(backwards)).startsWith("implausible result: window_end");
    }

    @Test
    void aResultPostgreSqlRefusesIsLoggedAndThePartitionMovesOn() {
        String nulInKey = ResultCodec.encode(result(Engine.KAFKA_ONLY, 1, 1, "ko-a", null, false))
                .replace(key, key + "\\u0000");
        RecordMetadata refused = send(nulInKey);
        RecordMetadata rawNul = send("{\"processing_engine\": \"KAFKA_ONLY\0\"}");
        send(result(Engine.KAFKA_ONLY, 42, 1, "ko-a", null, false));
        awaitDecisions(1);

        assertThat(decisionsInOrder()).containsExactly("INSERTED");
        assertThat(parseError(refused)).startsWith("not stored: ");
        assertThat(parseError(rawNul)).startsWith("unreadable result: ");
    }

    @Test
    void flinkRollbackIsRejectedAndTheStoredValueKept() {
        send(result(Engine.FLINK, 100, 1, "job-a", 3L, false));
        send(result(Engine.FLINK, 130, 2, "job-a", 7L, true));
        send(result(Engine.FLINK, 100, 1, "job-b", 3L, false));
        awaitDecisions(3);
        assertThat(decisionsInOrder()).containsExactly("INSERTED", "WINDOW_RECOMPUTED", "REJECTED_ROLLBACK");
        Row state = rows("select calculated_value, version, confidence_level from aggregate_state where business_key = $1")
                .get(0);
        assertThat(state.getLong(0)).isEqualTo(130);
        assertThat(state.getLong(1)).isEqualTo(2);
        assertThat(state.getString(2)).isEqualTo("HIGH");
    }

    @Test
    void reConsumingTheSameKafkaRecordChangesNothing() {
        RecordMetadata sent = send(result(Engine.KAFKA_ONLY, 42, 1, "ko-a", null, false));
        awaitDecisions(1);
        DecisionStore.Consumed again = new DecisionStore.Consumed("lab.results", sent.partition(), sent.offset(),
                ResultCodec.encode(result(Engine.KAFKA_ONLY, 999, 1, "ko-z", null, false)));

        assertThat(decisions.apply(again).await().atMost(Duration.ofSeconds(10))).isEmpty();
        assertThat(decisionsInOrder()).containsExactly("INSERTED");
        assertThat(rows("select calculated_value from aggregate_state where business_key = $1").get(0).getLong(0))
                .isEqualTo(42);
    }

    @Test
    void replayingTheDecisionLogRebuildsTheStateExactly() {
        send(result(Engine.KAFKA_ONLY, 10, 1, "ko-a", null, false));
        send(result(Engine.KAFKA_ONLY, 10, 1, "ko-a", null, false));
        send(result(Engine.KAFKA_ONLY, 12, 2, "ko-a", null, true));
        send(result(Engine.FLINK, 10, 1, "job-a", 1L, false));
        send(result(Engine.FLINK, 10, 1, "job-b", 1L, false));
        awaitDecisions(5);
        String snapshot = "select string_agg(t::text, ';' order by processing_engine, business_key, window_start) "
                + "from aggregate_state t";
        String before = pool.query(snapshot).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getString(0);

        assertThat(aggregates.differencesFromDecisionLog().await().atMost(Duration.ofSeconds(10))).isZero();
        given().post("/api/aggregates/rebuild").then().statusCode(200)
                .body("differences_before", equalTo(0)).body("differences_after", equalTo(0));

        String after = pool.query(snapshot).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getString(0);
        assertThat(after).isEqualTo(before).contains(key);
    }

    @Test
    void contractReadsAnswerWithClearErrors() {
        given().get("/api/aggregates/no-such-key").then().statusCode(404).body("error", equalTo("no windows for business key no-such-key"));
        given().queryParam("scope", "EVENTUAL").get("/api/aggregates/no-such-key").then().statusCode(404);
        given().queryParam("scope", "EVENTUAL").queryParam("maxStalenessMs", "soon").get("/api/aggregates/x")
                .then().statusCode(400).body("details[0]",
                        equalTo("maxStalenessMs must be a whole number of at least 0, got soon"));
        given().queryParam("minVersion", 3).get("/api/aggregates/x").then().statusCode(400)
                .body("details[0]", org.hamcrest.Matchers.containsString("scope=STRONG is always current"));
        given().queryParam("scope", "SOMETIMES").get("/api/aggregates/x").then().statusCode(400)
                .body("details[0]", org.hamcrest.Matchers.containsString("[STRONG, EVENTUAL, SEARCH]"));
        given().queryParam("resultKey", "FLINK|k").get("/api/decisions").then().statusCode(400);
        given().queryParam("size", 0).get("/api/decisions").then().statusCode(400);
    }

    /** Collects the data of every {@code confidence} event for this test's key, as a real SSE client would. */
    private CompletableFuture<Void> listen(List<String> events) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream + "?businessKey=" + key))
                .header("Accept", "text/event-stream").build();
        CompletableFuture<Void> connected = new CompletableFuture<>();
        CompletableFuture<Void> reading = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenAccept(response -> {
                    connected.complete(null);
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                        String event = null;
                        for (String line; (line = lines.readLine()) != null; ) {
                            if (line.startsWith("event:")) {
                                event = line.substring(6).trim();
                            } else if (line.startsWith("data:") && "confidence".equals(event)) {
                                events.add(line.substring(5).trim());
                            }
                        }
                    } catch (Exception e) {
                        // the test cancels the stream when it has what it needs
                    }
                });
        connected.get(10, TimeUnit.SECONDS);
        return reading;
    }
}
