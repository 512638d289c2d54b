package lab.components;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import lab.stack.Component;
import lab.stack.Config;
import lab.stack.HttpProbe;
import lab.stack.LabException;
import lab.stack.Maven;
import lab.stack.Trees;
import lab.stack.Wire;

/**
 * A process running a Quarkus application of this repository (the service at the root, or a sub-project such
 * as debezium-server/): one packaged jar (target/quarkus-app), possibly several roles or instances.
 * Each runs from its own copy under its data directory, so a rebuild of target/ cannot pull jars from
 * under a running process. The jar is packaged at most once per `up`: the first instance to start packages it
 * when it is stale, the next ones find it fresh and only copy it.
 */
abstract class QuarkusService extends Component {

    /** The project directory relative to the repository root ("" for the service). */
    private final String project;
    /** Whether the project builds on the wire module, which is then installed first. */
    private final boolean usesWire;

    /** The service at the repository root, which builds on the wire module. */
    QuarkusService(Config config, String name) {
        this(config, name, "", true);
    }

    QuarkusService(Config config, String name, String project, boolean usesWire) {
        super(config, name);
        this.project = project;
        this.usesWire = usesWire;
    }

    public abstract int port();

    /** The HTTP path that answers 200 once the process serves its role. */
    protected abstract String healthPath();

    @Override
    public List<Integer> ports() {
        return List.of(port());
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    private Path projectDir() {
        return config.root().resolve(project);
    }

    private Path pom() {
        return projectDir().resolve("pom.xml");
    }

    private Path built() {
        return projectDir().resolve("target/quarkus-app");
    }

    /** The copy this role runs from. */
    private Path installed() {
        return dataDir().resolve("quarkus-app");
    }

    protected Path jar() {
        return installed().resolve("quarkus-run.jar");
    }

    /**
     * Packages the project when its jar is missing or older than pom.xml, anything in src/ or the wire module's
     * install (installed first when it changed), then installs it.
     */
    @Override
    public void prepare() throws IOException {
        Path jar = built().resolve("quarkus-run.jar");
        FileTime wire = usesWire ? Wire.installed(config.root()) : null;
        if (!Files.exists(jar) || stale(Files.getLastModifiedTime(jar), wire)) {
            String what = project.isEmpty() ? "the service" : project + "/";
            System.out.println(name() + ": packaging " + what + " (./mvnw -q -B package -DskipTests)");
            if (Maven.run(config.root(), "-q", "-B", "-f", pom().toString(), "package", "-DskipTests") != 0
                    || !Files.exists(jar)) {
                throw new LabException("packaging " + what + " failed");
            }
        }
        Files.createDirectories(dataDir());
        Trees.copy(built(), installed());
    }

    private boolean stale(FileTime built, FileTime wire) throws IOException {
        return Trees.changedSince(projectDir(), built) || (wire != null && wire.compareTo(built) > 0);
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(180);
    }

    @Override
    public boolean accepting() {
        return HttpProbe.ok(endpoint() + healthPath());
    }
}
