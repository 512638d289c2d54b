package lab.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server the lab runs as a local background process. The {@link Stack} orders components by
 * their dependencies, starts them detached, waits for {@link #accepting()}, then {@link #initialize()}s.
 */
public abstract class Component {

    protected final Config config;
    private final String name;

    protected Component(Config config, String name) {
        this.config = config;
        this.name = name;
    }

    public final String name() {
        return name;
    }

    /** Components that must be running first. */
    public List<String> dependencies() {
        return List.of();
    }

    /** Why this component cannot run yet (e.g. its jars are not built), or null when it can. */
    public String unavailableReason() {
        return null;
    }

    /** The ports it binds on 127.0.0.1; each must be free before it starts. */
    public abstract List<Integer> ports();

    /** How clients reach it. */
    public abstract String endpoint();

    public Path dataDir() {
        return config.dataDir(name);
    }

    /** An argument only this component's process has: how its pid is recognised. */
    public String marker() {
        return dataDir().toString();
    }

    /** Builds, installs or initialises what the process needs; runs before every start. */
    public void prepare() throws Exception {
    }

    /** The server's command line; it must contain {@link #marker()}. */
    public abstract List<String> command();

    public Duration startTimeout() {
        return Duration.ofSeconds(60);
    }

    /** The process serves requests (probed while starting). */
    public abstract boolean accepting();

    /** Idempotent setup once accepting (databases, topics). */
    public void initialize() throws Exception {
    }

    /** The health check that status reports. */
    public boolean healthy() {
        return accepting();
    }

    /** The signal that asks for a clean, prompt shutdown. */
    public String stopSignal() {
        return "TERM";
    }

    /** Where a browser shows this component (printed by `up`), or null when it has no web UI. */
    public String webUi() {
        return null;
    }

    /** A JVM command on the harness's own JDK, capped at maxHeap and marked as this component. */
    protected List<String> java(String maxHeap, String... args) {
        List<String> command = jvm("-Xmx" + maxHeap);
        command.addAll(List.of(args));
        return command;
    }

    /** A JVM command on the harness's own JDK, marked as this component; the caller sizes the heap. */
    protected List<String> jvm(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(args));
        command.add("-Dlab.data=" + marker());
        return command;
    }
}
