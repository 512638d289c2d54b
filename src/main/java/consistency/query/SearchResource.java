package consistency.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import consistency.api.Limits;
import consistency.contract.ContractAnswer;
import consistency.contract.ReadModels;
import consistency.contract.ReadPolicy;
import consistency.decision.WindowState;
import consistency.store.AggregateStore;
import consistency.store.ElasticsearchReadModelReader;
import consistency.store.ReadModelWindow;
import consistency.store.Store;
import consistency.wire.WindowResult.Engine;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Search over the Elasticsearch read model (scope SEARCH): windows by engine, confidence, key prefix, run and
 * window-start range, with totals per key and engine. Parameters become typed query clauses; nothing a client
 * sends is passed on as query DSL. Every parameter is validated before Elasticsearch is asked (400), so a 503
 * means Elasticsearch itself failed.
 */
@Path("/api/search")
public class SearchResource {

    /** Keys the per-key totals cover at most. */
    static final int MAX_KEYS = 1000;

    private final ElasticsearchReadModelReader elasticsearch;
    private final AggregateStore aggregates;
    private final ReadModels readModels;
    private final ObjectMapper json;
    private final Limits limits;

    public SearchResource(ElasticsearchReadModelReader elasticsearch, AggregateStore aggregates,
                          ReadModels readModels, ObjectMapper json, Limits limits) {
        this.elasticsearch = elasticsearch;
        this.aggregates = aggregates;
        this.readModels = readModels;
        this.json = json;
        this.limits = limits;
    }

    /** Sum of the matching windows' values for one key and engine. */
    public record KeyTotal(String businessKey, Engine processingEngine, long windows, long totalValue) {
    }

    /** {@code total} matching windows; {@code windows} the first {@code size} of them, each with its lag. */
    public record SearchAnswer(Store servedFrom, long total, List<KeyTotal> totals, List<ContractAnswer> windows) {
    }

    @GET
    public Uni<SearchAnswer> search(@QueryParam("engine") String engine, @QueryParam("confidence") String confidence,
                                    @QueryParam("keyPrefix") String keyPrefix, @QueryParam("runId") String runId,
                                    @QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("size") @DefaultValue("100") int size) {
        Params.range("size", size, 0, limits.maxSearchSize());
        ArrayNode filters = json.createArrayNode();
        if (engine != null) {
            term(filters, "processing_engine", Params.engine(engine).name());
        }
        if (confidence != null) {
            term(filters, "confidence_level", Params.confidence(confidence).name());
        }
        if (keyPrefix != null) {
            filters.addObject().putObject("prefix").put("business_key", keyPrefix);
        }
        if (runId != null) {
            term(filters, "run_id", runId);
        }
        if (from != null || to != null) {
            ObjectNode range = filters.addObject().putObject("range").putObject("window_start");
            if (from != null) {
                range.put("gte", Params.instant("from", from, limits).toString());
            }
            if (to != null) {
                range.put("lt", Params.instant("to", to, limits).toString());
            }
        }
        return elasticsearch.search(request(filters, size))
                .onFailure().transform(e -> new ServiceUnavailableException("Elasticsearch could not answer the search: "
                        + e.getMessage()))
                .chain(this::answer);
    }

    private ObjectNode request(ArrayNode filters, int size) {
        ObjectNode body = json.createObjectNode();
        body.put("size", size).put("track_total_hits", true);
        body.putObject("query").putObject("bool").set("filter", filters);
        ArrayNode sort = body.putArray("sort");
        for (String field : List.of("business_key", "window_start", "processing_engine")) {
            sort.addObject().put(field, "asc");
        }
        ObjectNode perKey = body.putObject("aggs").putObject("per_key");
        perKey.putObject("terms").put("field", "business_key").put("size", MAX_KEYS).putObject("order").put("_key", "asc");
        ObjectNode perEngine = perKey.putObject("aggs").putObject("per_engine");
        perEngine.putObject("terms").put("field", "processing_engine");
        perEngine.putObject("aggs").putObject("total_value").putObject("sum").put("field", "calculated_value");
        return body;
    }

    private static void term(ArrayNode filters, String field, String value) {
        filters.addObject().putObject("term").put(field, value);
    }

    private Uni<SearchAnswer> answer(JsonNode response) {
        if (response == null) {
            return Uni.createFrom().item(new SearchAnswer(Store.ELASTICSEARCH, 0, List.of(), List.of()));
        }
        List<KeyTotal> totals = new ArrayList<>();
        for (JsonNode key : response.path("aggregations").path("per_key").path("buckets")) {
            for (JsonNode engine : key.path("per_engine").path("buckets")) {
                totals.add(new KeyTotal(key.path("key").asText(), Engine.valueOf(engine.path("key").asText()),
                        engine.path("doc_count").asLong(), engine.path("total_value").path("value").asLong()));
            }
        }
        List<WindowState> hits = new ArrayList<>();
        Map<String, ReadModelWindow> documents = new HashMap<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            ReadModelWindow document = elasticsearch.document(hit.path("_source"));
            hits.add(document.state());
            documents.put(hit.path("_id").asText(), document);
        }
        long total = response.path("hits").path("total").path("value").asLong();
        ReadPolicy unbounded = new ReadPolicy(null, null);
        ReadModels.Held held = new ReadModels.Held(Store.ELASTICSEARCH, documents, null);
        return aggregates.byIdentity(hits).chain(current -> readModels.compare(held, current))
                .map(c -> new SearchAnswer(Store.ELASTICSEARCH, total, totals,
                        c.current().stream().map(w -> c.answer(ContractAnswer.Scope.SEARCH, w, unbounded)).toList()));
    }
}
