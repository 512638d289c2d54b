package consistency.cdc;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

import org.bson.Document;
import org.jboss.logging.Logger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/**
 * {@code debezium.sink.type=mongodb}: applies outbox changes to the MongoDB read model.
 *
 * <pre>
 * debezium.sink.mongodb.connection.string  mongodb://localhost:27017
 * debezium.sink.mongodb.database           lab
 * debezium.sink.mongodb.collection         aggregates
 * debezium.sink.mongodb.failures.collection lab_cdc_failures
 * </pre>
 */
@Named("mongodb")
@Dependent
public class MongoDbChangeConsumer extends OutboxSink {

    private static final Logger LOG = Logger.getLogger(MongoDbChangeConsumer.class);

    private MongoClient client;
    private MongoReadModel readModel;

    public MongoDbChangeConsumer() {
        super("mongodb");
    }

    @PostConstruct
    void connect() {
        String url = setting("connection.string", "mongodb://localhost:27017");
        String database = setting("database", "lab");
        String collection = setting("collection", "aggregates");
        client = MongoClients.create(url);
        MongoDatabase db = client.getDatabase(database);
        readModel = new MongoReadModel(db.getCollection(collection, Document.class),
                db.getCollection(setting("failures.collection", "lab_cdc_failures"), Document.class));
        LOG.infof("mongodb sink writes %s.%s", database, collection);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    protected ApplyReport apply(List<ParseResult> batch, Instant appliedAt) {
        return readModel.apply(batch, appliedAt);
    }
}
