package consistency.generator;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/** The run API's answers, good and bad, and the service's operational endpoints. */
@QuarkusTest
class RunApiIT {

    @Test
    void aRunIsCreatedWithItsPlanAndCanBeReadBack() {
        String runId = given().contentType("application/json")
                .body("{\"seed\": 5, \"keys\": 2, \"events_per_key\": 30, \"duplicates\": {\"rate\": 0.5}}")
                .post("/api/runs")
                .then().statusCode(201)
                .body("run_id", matchesPattern("r[0-9a-z]{6}"))
                .body("seed", equalTo(5))
                .body("window_size_ms", equalTo(10000))
                .body("injected.originals", equalTo(60))
                .body("injected.replays", equalTo(0))
                .header("Location", endsWith("/api/runs/" + given().get("/api/runs?limit=1").path("[0].run_id")))
                .extract().path("run_id");

        given().get("/api/runs/" + runId).then().statusCode(200)
                .body("run_id", equalTo(runId))
                .body("scenario.duplicates.rate", equalTo(0.5f))
                .body("scenario.keys", equalTo(2));
        given().get("/api/runs/" + runId + "/summary").then().statusCode(200)
                .body("expected.keys", equalTo(2))
                .body("expected.events", equalTo(60))
                .body("windows.business_key", hasItem(runId + "-acct-0002"));
    }

    @Test
    void invalidRequestsAreRefusedWithEveryReason() {
        given().contentType("application/json")
                .body("{\"keys\": 0, \"window_size_ms\": 5000, \"duplicates\": {\"rate\": 2}}")
                .post("/api/runs")
                .then().statusCode(400)
                .body("error", equalTo("invalid run request"))
                .body("details", hasItems("keys must be between 1 and 10000, got 0",
                        "duplicates.rate must be between 0 and 1, got 2.0"));
        given().contentType("application/json").body("{\"keys\": 2, \"duplicate\": {\"rate\": 0.1}}")
                .post("/api/runs")
                .then().statusCode(400)
                .body("details[0]", containsString("\"duplicate\""));
        given().contentType("application/json").body("{\"keys\": ").post("/api/runs")
                .then().statusCode(400).body("status", equalTo(400));
        given().contentType("application/json").body("{\"keys\": \"many\"}").post("/api/runs")
                .then().statusCode(400).body("error", containsString("not valid JSON"));
        given().get("/api/runs?limit=0").then().statusCode(400).body("details[0]", containsString("limit"));
    }

    @Test
    void faultsAreRecordedInTheRunsHistoryInTheOrderTheyStarted() {
        String runId = given().contentType("application/json").body("{\"seed\": 6, \"keys\": 1, \"events_per_key\": 5}")
                .post("/api/runs").then().statusCode(201).extract().path("run_id");
        given().contentType("application/json").body("""
                {"fault": "cdc-pause", "target": "mongodb", "started_at": "2026-01-01T00:00:20Z",
                 "ended_at": "2026-01-01T00:00:30Z", "report": {"paused_ms": 10000}}""")
                .post("/api/runs/" + runId + "/faults").then().statusCode(201)
                .body("id", notNullValue()).body("fault", equalTo("cdc-pause"));
        given().contentType("application/json").body("""
                {"fault": "processor-restart", "started_at": "2026-01-01T00:00:05Z", "ended_at": "2026-01-01T00:00:09Z",
                 "report": {"healthy_ms": 4000}}""")
                .post("/api/runs/" + runId + "/faults").then().statusCode(201);

        given().get("/api/runs/" + runId + "/faults").then().statusCode(200)
                .body("fault", contains("processor-restart", "cdc-pause"))
                .body("target", contains(null, "mongodb"))
                .body("[1].ended_at", equalTo("2026-01-01T00:00:30Z"))
                .body("[1].report.paused_ms", equalTo(10000));
    }

    @Test
    void aFaultThatEndsBeforeItStartsOrOfAnUnknownRunIsRefused() {
        String runId = given().contentType("application/json").body("{\"seed\": 7, \"keys\": 1, \"events_per_key\": 5}")
                .post("/api/runs").then().statusCode(201).extract().path("run_id");
        given().contentType("application/json").body("""
                {"fault": "taskmanager-kill", "started_at": "2026-01-01T00:00:20Z", "ended_at": "2026-01-01T00:00:10Z"}""")
                .post("/api/runs/" + runId + "/faults").then().statusCode(400)
                .body("details[0]", containsString("before started_at"));
        given().contentType("application/json").body("""
                {"fault": "taskmanager-kill", "started_at": "2026-01-01T00:00:10Z", "ended_at": "2026-01-01T00:00:20Z"}""")
                .post("/api/runs/r999999998/faults").then().statusCode(404);
        given().get("/api/runs/" + runId + "/faults").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anUnknownRunIsNotFound() {
        given().get("/api/runs/r999999999").then().statusCode(404)
                .body("status", equalTo(404)).body("error", equalTo("no run r999999999"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/runs/{runId}/summary"));
    }
}
