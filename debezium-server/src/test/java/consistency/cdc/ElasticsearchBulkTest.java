package consistency.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ElasticsearchBulkTest {

    @Test
    void bulkBodyIndexesWithExternalVersionAndSearchScope() throws Exception {
        String body = ElasticsearchBulk.indexBody("aggregates",
                List.of(Changes.change(Changes.insert("a", 7, 1000))), Instant.parse("2026-01-01T00:00:02Z"));

        String[] lines = body.split("\n");
        assertThat(body).endsWith("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode action = json.readTree(lines[0]).get("index");
        assertThat(action.get("_index").asText()).isEqualTo("aggregates");
        assertThat(action.get("_id").asText()).isEqualTo("a");
        assertThat(action.get("version").asLong()).isEqualTo(7);
        assertThat(action.get("version_type").asText()).isEqualTo("external");
        JsonNode doc = json.readTree(lines[1]);
        assertThat(doc.get("consistency_scope").asText()).isEqualTo("SEARCH");
        assertThat(doc.get("last_cdc_sync_time").asText()).isEqualTo("2026-01-01T00:00:02Z");
        assertThat(doc.has("_id")).isFalse();
    }

    @Test
    void conflictsAreStaleNotFailures() {
        String response = "{\"errors\":true,\"items\":["
                + "{\"index\":{\"_id\":\"a\",\"status\":201}},"
                + "{\"index\":{\"_id\":\"b\",\"status\":409,\"error\":{\"type\":\"version_conflict_engine_exception\",\"reason\":\"current version [9] is higher\"}}},"
                + "{\"index\":{\"_id\":\"c\",\"status\":400,\"error\":{\"type\":\"document_parsing_exception\",\"reason\":\"failed to parse field [window_start]\"}}}]}";

        List<ElasticsearchBulk.ItemOutcome> outcomes = ElasticsearchBulk.outcomes(response);

        assertThat(outcomes).extracting(ElasticsearchBulk.ItemOutcome::applied).containsExactly(true, false, false);
        assertThat(outcomes).extracting(ElasticsearchBulk.ItemOutcome::stale).containsExactly(false, true, false);
        assertThat(outcomes.get(2).error()).startsWith("document_parsing_exception");
    }
}
