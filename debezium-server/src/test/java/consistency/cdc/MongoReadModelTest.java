package consistency.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** The MongoDB read model through the real driver against an in-memory wire-protocol server. */
class MongoReadModelTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> docs;
    private MongoCollection<Document> failures;
    private MongoReadModel model;
    private final OutboxChangeParser parser = new OutboxChangeParser();

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress at = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + at.getPort());
        docs = client.getDatabase("lab").getCollection("aggregates");
        failures = client.getDatabase("lab").getCollection("lab_cdc_failures");
        model = new MongoReadModel(docs, failures);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdown();
    }

    private ApplyReport apply(String... values) {
        List<ParseResult> batch = new ArrayList<>();
        for (String v : values) {
            batch.add(parser.parse(v));
        }
        return model.apply(batch, Instant.parse("2026-01-01T00:02:00Z"));
    }

    private Document stored(String id) {
        return docs.find(new Document("_id", id)).first();
    }

    @Test
    void newerVersionIsAppliedWithScopeAndSyncTime() {
        apply(Changes.insert("a", 1, 1000));
        ApplyReport r = apply(Changes.insert("a", 2, 2000));

        assertThat(r.applied()).isEqualTo(1);
        Document d = stored("a");
        assertThat(d.get("version", Number.class).longValue()).isEqualTo(2);
        assertThat(d.getString("consistency_scope")).isEqualTo("EVENTUAL");
        assertThat(d.getString("last_cdc_sync_time")).isEqualTo("2026-01-01T00:02:00Z");
        assertThat(d.getString("source_commit_time")).isEqualTo("1970-01-01T00:00:02Z");
    }

    @Test
    void olderOrDuplicateVersionIsIgnored() {
        apply(Changes.insert("a", 5, 1000, 555));
        ApplyReport dup = apply(Changes.insert("a", 5, 1000, 999));
        ApplyReport old = apply(Changes.insert("a", 3, 1000, 333));

        assertThat(dup.applied()).isZero();
        assertThat(dup.stale()).isEqualTo(1);
        assertThat(old.applied()).isZero();
        assertThat(stored("a").get("calculated_value", Number.class).longValue()).isEqualTo(555);
        assertThat(stored("a").get("version", Number.class).longValue()).isEqualTo(5);
    }

    @Test
    void outOfOrderWithinABatchEndsAtTheHighestVersion() {
        ApplyReport r = apply(Changes.insert("a", 4, 1000), Changes.insert("b", 1, 1000),
                Changes.insert("a", 6, 1000), Changes.insert("a", 5, 1000));

        assertThat(r.received()).isEqualTo(4);
        assertThat(r.applied()).isEqualTo(2);
        assertThat(r.stale()).isEqualTo(2);
        assertThat(stored("a").get("version", Number.class).longValue()).isEqualTo(6);
        assertThat(docs.countDocuments()).isEqualTo(2);
    }

    @Test
    void aFailedDocumentIsRecordedWithKeyAndVersion() {
        ApplyReport r = apply(Changes.insert("a", 1, 1000),
                "{\"after\":{\"aggregate_id\":\"bad\",\"version\":9,\"payload\":\"[1,2]\"},\"op\":\"c\"}");

        assertThat(r.applied()).isEqualTo(1);
        assertThat(r.failed()).hasSize(1);
        Document f = failures.find().first();
        assertThat(f.getString("aggregate_id")).isEqualTo("bad");
        assertThat(f.get("version", Number.class).longValue()).isEqualTo(9);
        assertThat(f.getString("sink")).isEqualTo("mongodb");
        assertThat(f.getString("reason")).contains("payload");
    }
}
