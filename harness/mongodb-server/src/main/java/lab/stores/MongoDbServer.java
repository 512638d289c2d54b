package lab.stores;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB wire-protocol server (mongo-java-server) whose databases live in one H2 MVStore file, so they
 * survive restarts. A stand-in for mongod, which cannot be installed here: the real driver talks to it.
 * Arguments: database file, port. Binds 127.0.0.1; SIGTERM closes the store cleanly.
 */
public final class MongoDbServer {

    private MongoDbServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: MongoDbServer FILE PORT");
            System.exit(2);
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            closed.countDown();
        }));
        server.bind("127.0.0.1", Integer.parseInt(args[1]));
        System.out.println("mongodb wire-protocol server on 127.0.0.1:" + args[1] + ", data in " + file);
        closed.await();
    }
}
