package consistency.store;

import static com.mongodb.client.model.Filters.in;

import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the MongoDB read model (scope EVENTUAL), one document per window with {@code _id} = result key. Reads go by
 * {@code _id} only: the local wire-protocol server scans the collection for any other filter. The Debezium Server's
 * MongoReadModel writes it.
 */
@ApplicationScoped
public class MongoDbReadModelReader implements ReadModelReader {

    /** Ids per {@code $in} query. */
    private static final int CHUNK = 1000;

    private final ReactiveMongoCollection<Document> documents;

    public MongoDbReadModelReader(ReactiveMongoClient client,
                                  @ConfigProperty(name = "lab.read-models.mongodb.database") String database,
                                  @ConfigProperty(name = "lab.read-models.mongodb.collection") String collection) {
        this.documents = client.getDatabase(database).getCollection(collection);
    }

    @Override
    public Store store() {
        return Store.MONGODB;
    }

    @Override
    public Uni<Map<String, ReadModelWindow>> windows(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        Uni<Map<String, ReadModelWindow>> result = Uni.createFrom().item(new HashMap<>());
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            result = result.chain(found -> documents.find(in("_id", chunk)).collect().asList().map(docs -> {
                docs.forEach(d -> found.put(d.getString("_id"), ReadModelWindow.of(d)));
                return found;
            }));
        }
        return result;
    }
}
