package consistency.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.http.util.EntityUtils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

/**
 * Reads the Elasticsearch read model (scope SEARCH), one document per window with {@code _id} = result key. An index
 * that does not exist yet (CDC has written nothing) reads as empty. The Debezium Server's ElasticsearchReadModel
 * writes it.
 */
@ApplicationScoped
public class ElasticsearchReadModelReader implements ReadModelReader {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final RestClient client;
    private final ObjectMapper json;
    private final String index;

    public ElasticsearchReadModelReader(RestClient client, ObjectMapper json,
                                        @ConfigProperty(name = "lab.read-models.elasticsearch.index") String index) {
        this.client = client;
        this.json = json;
        this.index = index;
    }

    @Override
    public Store store() {
        return Store.ELASTICSEARCH;
    }

    public String index() {
        return index;
    }

    @Override
    public Uni<Map<String, ReadModelWindow>> windows(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        ObjectNode body = json.createObjectNode();
        ids.forEach(body.putArray("ids")::add);
        return send("POST", "/" + index + "/_mget", body).map(response -> {
            Map<String, ReadModelWindow> found = new HashMap<>();
            if (response != null) {
                for (JsonNode doc : response.path("docs")) {
                    if (doc.path("found").asBoolean()) {
                        found.put(doc.path("_id").asText(), document(doc.path("_source")));
                    }
                }
            }
            return found;
        });
    }

    /** A document's {@code _source} as a window. */
    public ReadModelWindow document(JsonNode source) {
        return ReadModelWindow.of(json.convertValue(source, MAP));
    }

    /** Runs a search request body against the index; null when the index does not exist yet. */
    public Uni<JsonNode> search(ObjectNode body) {
        return send("POST", "/" + index + "/_search", body);
    }

    /** The parsed response; null for a 404 (index missing); fails for any other error or an unreachable node. */
    private Uni<JsonNode> send(String method, String endpoint, ObjectNode body) {
        Request request = new Request(method, endpoint);
        request.setJsonEntity(body.toString());
        return Uni.createFrom().emitter(emitter -> client.performRequestAsync(request, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                try {
                    emitter.complete(json.readTree(EntityUtils.toString(response.getEntity())));
                } catch (IOException e) {
                    emitter.fail(e);
                }
            }

            @Override
            public void onFailure(Exception e) {
                if (e instanceof ResponseException re && re.getResponse().getStatusLine().getStatusCode() == 404) {
                    emitter.complete(null);
                } else {
                    emitter.fail(e);
                }
            }
        }));
    }
}
