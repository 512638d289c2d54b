package lab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTest {

    private final List<Status> statuses = List.of(
            new Status("postgres", 42L, "running", "postgresql://127.0.0.1:15432/lab", 64L, "/l/postgres.log"),
            new Status("app", null, "unavailable", "http://127.0.0.1:18080", null, "/l/app.log"),
            new Status("flink-job", null, "RUNNING", "http://127.0.0.1:18082/#/job/running/ab12/overview", null,
                    "/l/flink-job.log", "ab12"));

    @Test
    void jsonIsAnArrayWithTheDocumentedFields() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Status.json(statuses));
        assertTrue(json.isArray());
        assertEquals(3, json.size());
        JsonNode postgres = json.get(0);
        assertEquals("postgres", postgres.get("name").asText());
        assertEquals(42, postgres.get("pid").asLong());
        assertEquals("running", postgres.get("state").asText());
        assertEquals("postgresql://127.0.0.1:15432/lab", postgres.get("endpoint").asText());
        assertEquals(64, postgres.get("rss_mib").asLong());
        assertTrue(json.get(1).get("pid").isNull());
        assertTrue(postgres.path("job_id").isMissingNode(), "processes have no job id");
        assertEquals("ab12", json.get(2).get("job_id").asText());
        assertTrue(json.get(2).get("pid").isNull());
    }

    @Test
    void tableHasAHeaderAndOneLinePerComponent() {
        List<String> lines = Status.table(statuses).lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("NAME"));
        assertTrue(lines.get(2).matches("app\\s+unavailable\\s+-\\s+-\\s+http://127.0.0.1:18080"), lines.get(2));
        assertTrue(lines.get(3).matches("flink-job\\s+RUNNING\\s+ab12\\s+-\\s+http://127.0.0.1:18082/#/job/running/ab12/overview"),
                "a deployment's id stands in the PID column: " + lines.get(3));
    }
}
