package consistency.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import consistency.decision.PipelineRuns;
import consistency.decision.ResultSender;
import consistency.wire.WindowResult.Engine;
import consistency.wire.WindowResult;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The read models on the real stack: results decided into PostgreSQL reach MongoDB and Elasticsearch through the
 * two Debezium Servers, and the contract's EVENTUAL and SEARCH answers report how far behind they are.
 */
@QuarkusTest
class ReadModelsIT {

    private static final Instant START = Instant.parse("2026-02-01T00:00:00Z");
    private static final Duration CONVERGE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final String runId = "it-" + UUID.randomUUID().toString().substring(0, 8);

    private String key(int n) {
        return runId + "-acct-" + n;
    }

    private WindowResult flink(String key, int window, long value, int revision, long checkpoint) {
        Instant start = START.plusSeconds(10L * window);
        return new WindowResult(Engine.FLINK, key, start, start.plusSeconds(10), value, 2, revision, "job-a",
                Instant.now(), checkpoint, revision > 1, false, 0, Instant.now(), runId);
    }

    private static JsonPath read(String key, String scope, Map<String, Object> params) {
        return given().queryParam("scope", scope).queryParams(params).get("/api/aggregates/" + key)
                .then().statusCode(200).extract().jsonPath();
    }

    private JsonPath lag() {
        return given().queryParam("runId", runId).get("/api/read-models").then().statusCode(200).extract().jsonPath();
    }

    private Map<String, Object> lagOf(String store) {
        return lag().getMap("find { it.store == '" + store + "' }");
    }

    private void awaitConverged(int windows) {
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String store : List.of("MONGODB", "ELASTICSEARCH")) {
                Map<String, Object> l = lagOf(store);
                assertThat(l).as(store).containsEntry("reachable", true).containsEntry("windows", windows)
                        .containsEntry("documents", windows).containsEntry("windows_behind", 0);
            }
        });
    }

    private void awaitPostgresVersion(String key, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> read(key, "STRONG", Map.of()).getLong("windows[0].version") == version);
    }

    @Test
    void bothReadModelsConvergeToPostgresAndServeItsVersions() {
        ResultSender results = new ResultSender(bootstrap);
        for (int k = 0; k < 3; k++) {
            for (int w = 0; w < 4; w++) {
                results.send(flink(key(k), w, 100L * k + w, 1, 1));
            }
            results.send(flink(key(k), 0, 1000L + k, 2, 2));
        }
        awaitConverged(12);

        for (int k = 0; k < 3; k++) {
            JsonPath strong = read(key(k), "STRONG", Map.of());
            for (String scope : List.of("EVENTUAL", "SEARCH")) {
                JsonPath answer = read(key(k), scope, Map.of());
                assertThat(answer.getList("windows.served_from")).containsOnly(scope.equals("EVENTUAL") ? "MONGODB" : "ELASTICSEARCH");
                assertThat(answer.getList("windows.consistency_scope")).containsOnly(scope);
                assertThat(answer.getList("windows.version")).isEqualTo(strong.getList("windows.version"));
                assertThat(answer.getList("windows.value")).isEqualTo(strong.getList("windows.value"));
                assertThat(answer.getList("windows.confidence")).isEqualTo(strong.getList("windows.confidence"));
                assertThat(answer.getList("windows.lag.versions_behind")).containsOnly(0);
                assertThat(answer.getList("windows.last_cdc_sync_time")).doesNotContainNull();
                assertThat(answer.getList("windows.fallback_reason")).containsOnlyNulls();
            }
            assertThat(strong.getLong("windows[0].version")).isEqualTo(2);
            assertThat(strong.getLong("windows[0].value")).isEqualTo(1000L + k);
        }

        JsonPath search = given().queryParam("keyPrefix", runId + "-").queryParam("engine", "FLINK").get("/api/search")
                .then().statusCode(200).extract().jsonPath();
        assertThat(search.getLong("total")).isEqualTo(12);
        assertThat(search.getList("windows")).hasSize(12);
        Map<String, Long> totals = new HashMap<>();
        search.getList("totals", Map.class).forEach(t -> totals.put((String) t.get("business_key"), ((Number) t.get("total_value")).longValue()));
        assertThat(totals).isEqualTo(Map.of(key(0), 1000L + 1 + 2 + 3, key(1), 1001L + 101 + 102 + 103,
                key(2), 1002L + 201 + 202 + 203));
        assertThat(given().queryParam("keyPrefix", runId + "-").queryParam("engine", "KAFKA_ONLY").get("/api/search")
                .then().statusCode(200).extract().jsonPath().getLong("total")).isZero();
        assertThat(given().queryParam("keyPrefix", runId + "-").queryParam("from", START.plusSeconds(10).toString())
                .queryParam("to", START.plusSeconds(30).toString()).get("/api/search").then().statusCode(200)
                .extract().jsonPath().getLong("total")).isEqualTo(6);
        assertThat(given().queryParam("keyPrefix", "{\"match_all\":{}}").get("/api/search").then().statusCode(200)
                .extract().jsonPath().getLong("total")).as("a parameter is a value, never query DSL").isZero();
        given().queryParam("confidence", "SOMEWHAT").get("/api/search").then().statusCode(400);
    }

    @Test
    void aPausedDebeziumServerLeavesItsReadModelBehindAndBoundedReadsFallBack() throws Exception {
        ResultSender results = new ResultSender(bootstrap);
        String key = key(7);
        results.send(flink(key, 0, 50, 1, 1));
        awaitConverged(1);

        PipelineRuns.signal("cdc-mongodb", "STOP");
        try {
            results.send(flink(key, 0, 80, 2, 2));
            awaitPostgresVersion(key, 2);
            await().atMost(CONVERGE).until(() -> read(key, "SEARCH", Map.of()).getLong("windows[0].version") == 2);
            Thread.sleep(300);

            JsonPath behind = read(key, "EVENTUAL", Map.of());
            assertThat(behind.getString("windows[0].served_from")).isEqualTo("MONGODB");
            assertThat(behind.getLong("windows[0].value")).isEqualTo(50);
            assertThat(behind.getLong("windows[0].version")).isEqualTo(1);
            assertThat(behind.getString("windows[0].confidence")).isEqualTo("EVENTUALLY_CONSISTENT");
            assertThat(behind.getLong("windows[0].lag.versions_behind")).isEqualTo(1);
            assertThat(behind.getLong("windows[0].lag.ms")).isGreaterThanOrEqualTo(300);

            JsonPath bounded = read(key, "EVENTUAL", Map.of("maxStalenessMs", 100));
            assertThat(bounded.getString("windows[0].served_from")).isEqualTo("POSTGRES");
            assertThat(bounded.getLong("windows[0].value")).isEqualTo(80);
            assertThat(bounded.getString("windows[0].fallback_reason"))
                    .startsWith("MONGODB is 1 version(s) and ").endsWith("ms behind PostgreSQL, more than maxStalenessMs 100");
            assertThat(read(key, "EVENTUAL", Map.of("maxStalenessMs", 600_000)).getString("windows[0].served_from"))
                    .isEqualTo("MONGODB");

            JsonPath yourWrite = read(key, "EVENTUAL", Map.of("minVersion", 2));
            assertThat(yourWrite.getString("windows[0].served_from")).isEqualTo("POSTGRES");
            assertThat(yourWrite.getString("windows[0].fallback_reason")).isEqualTo("MONGODB holds version 1, older than minVersion 2");
            JsonPath searched = read(key, "SEARCH", Map.of("minVersion", 2));
            assertThat(searched.getString("windows[0].served_from")).isEqualTo("ELASTICSEARCH");
            assertThat(searched.getLong("windows[0].lag.versions_behind")).isZero();

            Map<String, Object> mongo = lagOf("MONGODB");
            assertThat(mongo).containsEntry("windows_behind", 1).containsEntry("versions_behind", 1);
            assertThat(((Number) mongo.get("lag_ms")).longValue()).isGreaterThanOrEqualTo(300);
            assertThat(lagOf("ELASTICSEARCH")).containsEntry("windows_behind", 0).containsEntry("lag_ms", 0);
        } finally {
            PipelineRuns.signal("cdc-mongodb", "CONT");
        }
        awaitConverged(1);
        JsonPath caughtUp = read(key, "EVENTUAL", Map.of("minVersion", 2));
        assertThat(caughtUp.getString("windows[0].served_from")).isEqualTo("MONGODB");
        assertThat(caughtUp.getLong("windows[0].value")).isEqualTo(80);
        assertThat(caughtUp.getString("windows[0].confidence")).isEqualTo("HIGH");
    }

    @Test
    void aDebeziumServerKilledWhileDrainingABacklogLosesNothing() throws Exception {
        ResultSender results = new ResultSender(bootstrap);
        int keys = 20;
        int windows = 10;
        PipelineRuns.signal("cdc-elasticsearch", "STOP");
        try {
            for (int k = 0; k < keys; k++) {
                for (int w = 0; w < windows; w++) {
                    results.send(flink(key(k), w, k * 10L + w, 1, 1));
                    results.send(flink(key(k), w, k * 10L + w + 1, 2, 2));
                }
            }
            await().atMost(CONVERGE).until(() -> ((Number) lagOf("MONGODB").get("windows")).intValue() == keys * windows
                    && ((Number) lagOf("MONGODB").get("windows_behind")).intValue() == 0);
        } finally {
            PipelineRuns.signal("cdc-elasticsearch", "CONT");
        }
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(100))
                .until(() -> ((Number) lagOf("ELASTICSEARCH").get("documents")).intValue() > 0);
        PipelineRuns.signal("cdc-elasticsearch", "KILL");
        Map<String, Object> atKill = lagOf("ELASTICSEARCH");
        PipelineRuns.lab("up", "cdc-elasticsearch");
        awaitConverged(keys * windows);

        List<Long> pgVersions = new ArrayList<>();
        List<Long> esVersions = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            pgVersions.addAll(read(key(k), "STRONG", Map.of()).getList("windows.version", Long.class));
            esVersions.addAll(read(key(k), "SEARCH", Map.of()).getList("windows.version", Long.class));
        }
        assertThat(esVersions).isEqualTo(pgVersions).containsOnly(2L);
        System.out.printf("killed cdc-elasticsearch with %s of %d windows applied, %s behind; converged after restart%n",
                atKill.get("documents"), keys * windows, atKill.get("windows_behind"));
    }
}
