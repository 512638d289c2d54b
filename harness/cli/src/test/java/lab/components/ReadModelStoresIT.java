package lab.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import lab.stack.Config;
import lab.stack.Stack;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read models' local servers keep their data across a stop and start (own LAB_HOME, ports +300 on LAB_PORT_OFFSET). */
class ReadModelStoresIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Stack stack;
    private static MongoDb mongoDb;
    private static Elasticsearch elasticsearch;

    @BeforeAll
    static void freshHome() throws IOException {
        Config config = ItHomes.fresh("it-stores", 300);
        mongoDb = new MongoDb(config);
        elasticsearch = new Elasticsearch(config);
        stack = new Stack(config, List.of(mongoDb, elasticsearch), System.out);
    }

    @AfterAll
    static void down() {
        stack.down();
    }

    @Test
    void documentsSurviveARestart() throws Exception {
        stack.up(List.of("mongodb", "elasticsearch"));
        try (MongoClient client = MongoClients.create(mongoDb.endpoint())) {
            collection(client).insertOne(new Document("_id", "k1").append("version", 3L));
        }
        assertEquals(201, send("PUT", "/docs/_doc/k1?version=3&version_type=external&refresh=true",
                "{\"value\": 1250}").statusCode());
        assertEquals(409, send("PUT", "/docs/_doc/k1?version=2&version_type=external",
                "{\"value\": 1}").statusCode(), "external versioning refuses an older version");

        stack.down();
        stack.up(List.of("mongodb", "elasticsearch"));

        try (MongoClient client = MongoClients.create(mongoDb.endpoint())) {
            Document stored = collection(client).find(new Document("_id", "k1")).first();
            assertEquals(3L, stored.getLong("version"));
        }
        HttpResponse<String> doc = send("GET", "/docs/_doc/k1", null);
        JsonNode body = JSON.readTree(doc.body());
        assertTrue(body.path("found").asBoolean(), doc.body());
        assertEquals(3, body.path("_version").asLong());
        assertEquals(1250, body.path("_source").path("value").asLong());
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("lab").getCollection("docs");
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(elasticsearch.endpoint() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
