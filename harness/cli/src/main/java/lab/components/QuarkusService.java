package lab.components;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import lab.stack.Component;
import lab.stack.Config;
import lab.stack.LabException;
import lab.stack.Maven;
import lab.stack.Trees;

/**
 * A process running the service of this repository: one packaged jar (target/quarkus-app), several roles.
 * Each role runs from its own copy under its data directory, so a rebuild of target/ cannot pull jars from
 * under a running process. The jar is packaged at most once per `up`: the first role to start packages it
 * when it is stale, the next ones find it fresh and only copy it.
 */
abstract class QuarkusService extends Component {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    QuarkusService(Config config, String name) {
        super(config, name);
    }

    public abstract int port();

    /** The HTTP path that answers 200 once the process serves its role. */
    protected abstract String healthPath();

    @Override
    public String unavailableReason() {
        return Files.exists(pom()) ? null : "no pom.xml at " + config.root();
    }

    @Override
    public List<Integer> ports() {
        return List.of(port());
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    private Path pom() {
        return config.root().resolve("pom.xml");
    }

    private Path built() {
        return config.root().resolve("target/quarkus-app");
    }

    /** The copy this role runs from. */
    private Path installed() {
        return dataDir().resolve("quarkus-app");
    }

    protected Path jar() {
        return installed().resolve("quarkus-run.jar");
    }

    /** Packages the service when its jar is missing or older than pom.xml or anything in src/, then installs it. */
    @Override
    public void prepare() throws IOException {
        Path jar = built().resolve("quarkus-run.jar");
        if (!Files.exists(jar) || newerThan(Files.getLastModifiedTime(jar))) {
            System.out.println(name() + ": packaging the service (./mvnw -q -B package -DskipTests)");
            if (Maven.run(config.root(), "-q", "-B", "package", "-DskipTests") != 0 || !Files.exists(jar)) {
                throw new LabException("packaging the service failed");
            }
        }
        Files.createDirectories(dataDir());
        Trees.copy(built(), installed());
    }

    private boolean newerThan(FileTime built) throws IOException {
        Path src = config.root().resolve("src");
        try (Stream<Path> files = Files.exists(src) ? Files.walk(src) : Stream.empty()) {
            return Stream.concat(Stream.of(pom()), files.filter(Files::isRegularFile))
                    .anyMatch(p -> modified(p).compareTo(built) > 0);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(180);
    }

    @Override
    public boolean accepting() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + healthPath()))
                    .timeout(Duration.ofSeconds(3)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
