package lab.components;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.stack.Config;
import org.bson.Document;

/**
 * The MongoDB read model's server: mongo-java-server speaking the MongoDB wire protocol, its data in one H2
 * file under the data directory. A stand-in for mongod (which cannot be installed here); anything that speaks
 * to it uses the real MongoDB driver, so a real MongoDB replaces it by URL alone.
 */
public final class MongoDb extends LaunchedStore {

    public MongoDb(Config config) {
        super(config, "mongodb", "mongodb-server", "MongoDB server");
    }

    public int port() {
        return config.port("mongodb.port");
    }

    @Override
    public List<Integer> ports() {
        return List.of(port());
    }

    @Override
    public String endpoint() {
        return "mongodb://127.0.0.1:" + port();
    }

    @Override
    public List<String> command() {
        return java("256m", "-cp", classpath(),
                "lab.stores.MongoDbServer", dataDir().resolve("lab.mv.db").toString(), Integer.toString(port()));
    }

    /** A real `ping` through the driver, not just an open port. */
    @Override
    public boolean accepting() {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(endpoint()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(1, TimeUnit.SECONDS).readTimeout(3, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            return client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok") instanceof Number n
                    && n.intValue() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
