package consistency.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Hostile requests: each is the client's error, answered 4xx with the API's error body, and none wedges the
 * service: a run still starts afterwards.
 */
@QuarkusTest
class BadInputIT {

    private static final String FAR_FUTURE = "+300000-01-01T00:00:00Z";

    /** The request as sent, byte for byte: RestAssured would otherwise encode the % of %00 again. */
    private static Response raw(String method, String path) {
        return given().urlEncodingEnabled(false).request(method, path);
    }

    private static void assertClientError(Response response, int status) {
        response.then().statusCode(status).contentType("application/json").body("status", equalTo(status));
    }

    private static Response postRun(String body) {
        return given().contentType("application/json").body(body).post("/api/runs");
    }

    @Test
    void nulInAnIdOrQueryParameterIsRefused() {
        for (String path : List.of("/api/runs/%00", "/api/runs/%00/verdict", "/api/runs/%00/faults",
                "/api/runs/%00/summary", "/api/aggregates/k%00", "/api/decisions?businessKey=%00",
                "/api/read-models?runId=%00", "/api/search?runId=%00", "/api/stream/confidence?runId=%00")) {
            Response answer = raw("GET", path);
            assertClientError(answer, 400);
            assertThat(answer.jsonPath().getList("details", String.class)).as(path)
                    .anyMatch(d -> d.contains("control characters"));
        }
    }

    @Test
    void runTimesAndIntervalsThatWouldOverflowAreRefused() {
        assertClientError(postRun("{\"start_time\": \"" + FAR_FUTURE + "\"}"), 400);
        postRun("{\"start_time\": \"" + FAR_FUTURE + "\"}").then()
                .body("details", hasItem(containsString("start_time must be within 3650 days of now")));
        assertClientError(postRun("{\"event_interval_ms\": 9223372036854775807}"), 400);
        assertClientError(postRun("{\"out_of_order\": {\"window_ms\": 9223372036854775807}}"), 400);
        assertClientError(postRun("{\"late\": {\"fraction\": 0.1, \"late_by_ms\": 9223372036854775807}}"), 400);
        assertClientError(postRun("{\"keys\": 10000, \"events_per_key\": 20, "
                + "\"duplicates\": {\"rate\": 1}, \"replay\": {\"from_sequence\": 1, \"count\": 20}}"), 400);
    }

    @Test
    void numbersMustBeJsonNumbersOfTheirKindAndKeysUnique() {
        for (String body : List.of("{\"keys\": 1.5}", "{\"keys\": \"12\"}", "{\"keys\": \"\uff11\uff12\"}",
                "{\"keys\": 1, \"keys\": 10000}", "{\"duplicates\": {\"rate\": \"0.5\"}}")) {
            Response answer = postRun(body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            answer.then().body("error", equalTo("request body is not valid JSON for this endpoint"));
        }
    }

    @Test
    void aFaultDatedFarAwayIsRefused() {
        String runId = postRun("{\"seed\": 8, \"keys\": 1, \"events_per_key\": 5}")
                .then().statusCode(201).extract().path("run_id");
        Response answer = given().contentType("application/json").body("{\"fault\": \"cdc-pause\", \"started_at\": \""
                + FAR_FUTURE + "\", \"ended_at\": \"" + FAR_FUTURE + "\"}").post("/api/runs/" + runId + "/faults");
        assertClientError(answer, 400);
        answer.then().body("details[0]", containsString("started_at must be within"));
    }

    @Test
    void searchParametersAreTheClientsErrorNotElasticsearchs() {
        assertClientError(given().queryParam("from", FAR_FUTURE).get("/api/search"), 400);
        assertClientError(given().queryParam("to", "yesterday").get("/api/search"), 400);
        assertClientError(given().queryParam("keyPrefix", "k".repeat(3000)).get("/api/search"), 400);
        assertClientError(given().queryParam("size", 100_000).get("/api/search"), 400);
        assertClientError(given().queryParam("windowStart", FAR_FUTURE).get("/api/aggregates/k"), 400);
        assertClientError(given().queryParam("size", 100_000).get("/api/decisions"), 400);
    }

    @Test
    void aWrongMethodIsNotAllowed() {
        assertClientError(raw("DELETE", "/api/runs"), 405);
        assertClientError(raw("PUT", "/api/runs/r000000"), 405);
        assertClientError(raw("DELETE", "/api/runs/r000000/verdict"), 405);
        assertClientError(raw("PUT", "/api/runs/r000000/faults"), 405);
        assertClientError(raw("POST", "/api/decisions"), 405);
        assertClientError(raw("DELETE", "/api/aggregates/k"), 405);
    }

    @Test
    void anOversizedBodyIsRefused() {
        postRun("{\"seed\": 1, \"pad\": \"" + "x".repeat(100_000) + "\"}").then().statusCode(413);
    }

    @Test
    void afterAllOfItARunStillStarts() {
        nulInAnIdOrQueryParameterIsRefused();
        runTimesAndIntervalsThatWouldOverflowAreRefused();
        numbersMustBeJsonNumbersOfTheirKindAndKeysUnique();
        postRun("{\"seed\": 9, \"keys\": 1, \"events_per_key\": 5}").then().statusCode(201)
                .body("run_id", matchesPattern("r[0-9a-z]{6}"));
        given().get("/api/runs?limit=1").then().statusCode(200);
    }
}
