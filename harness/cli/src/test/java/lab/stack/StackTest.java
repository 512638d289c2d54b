package lab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack's ordering, idempotence and roll-back, on small real processes. */
class StackTest {

    private static final String SERVE = "touch ready; exec -a \"$0\" sleep 600";

    @TempDir
    Path home;

    private Stack stack;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    /** A process that is ready once it has written the file 'ready' in its data dir. */
    private final class Fake extends Component {
        private final List<String> dependencies;
        private final String script;
        private final List<Integer> ports;
        private final String unavailable;

        Fake(String name, List<String> dependencies, String script, List<Integer> ports, String unavailable) {
            super(config(), name);
            this.dependencies = dependencies;
            this.script = script;
            this.ports = ports;
            this.unavailable = unavailable;
        }

        @Override
        public List<String> dependencies() {
            return dependencies;
        }

        @Override
        public String unavailableReason() {
            return unavailable;
        }

        @Override
        public List<Integer> ports() {
            return ports;
        }

        @Override
        public String endpoint() {
            return "fake:" + name();
        }

        @Override
        public void prepare() throws IOException {
            Files.deleteIfExists(dataDir().resolve("ready"));
        }

        @Override
        public List<String> command() {
            return List.of("bash", "-c", script, marker());
        }

        @Override
        public Duration startTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public boolean accepting() {
            return Files.exists(dataDir().resolve("ready"));
        }
    }

    private Config config() {
        return new Config(Path.of("/repo"), home, new Properties());
    }

    private Fake fake(String name, String... dependencies) {
        return new Fake(name, List.of(dependencies), SERVE, List.of(), null);
    }

    private Stack stack(Component... components) {
        stack = new Stack(config(), List.of(components), new PrintStream(output, true));
        return stack;
    }

    private long pid(String name) {
        return stack.daemon(stack.component(name)).recordedPid().orElse(-1);
    }

    private Daemon.State state(String name) {
        return stack.daemon(stack.component(name)).state();
    }

    @AfterEach
    void down() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    void dependenciesComeFirst() {
        Stack s = stack(fake("c", "b"), fake("b", "a"), fake("a"));
        assertEquals(List.of("a", "b", "c"), s.ordered(List.of("c")).stream().map(Component::name).toList());
        assertEquals(List.of("a", "b"), s.ordered(List.of("b", "a")).stream().map(Component::name).toList());
        assertThrows(LabException.class, () -> s.ordered(List.of("nope")));
        Stack cycle = new Stack(config(), List.of(fake("x", "y"), fake("y", "x")), new PrintStream(output));
        assertThrows(IllegalStateException.class, () -> cycle.ordered(List.of("x")));
    }

    @Test
    void upStartsNoTwinsAndRestartsTheDead() throws Exception {
        stack(fake("a"), fake("b", "a"));
        stack.up(List.of("b"));
        long a = pid("a");
        long b = pid("b");
        assertEquals(Daemon.State.RUNNING, state("a"));
        assertEquals(Daemon.State.RUNNING, state("b"));

        stack.up(List.of());
        assertEquals(a, pid("a"));
        assertEquals(b, pid("b"));

        Daemon.signal(a, "KILL");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (state("a") == Daemon.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Daemon.State.DEAD, state("a"));
        stack.up(List.of("b"));
        assertNotEquals(a, pid("a"));
        assertEquals(Daemon.State.RUNNING, state("a"));
        assertEquals(b, pid("b"));

        stack.down();
        assertEquals(Daemon.State.STOPPED, state("a"));
        assertEquals(Daemon.State.STOPPED, state("b"));
        assertTrue(ProcessHandle.of(b).isEmpty() || !ProcessHandle.of(b).get().isAlive());
    }

    @Test
    void failedStartStopsOnlyWhatThisCallStarted() {
        stack(fake("a"), new Fake("bad", List.of("a"), "echo boom; exit 3", List.of(), null));
        LabException e = assertThrows(LabException.class, () -> stack.up(List.of("bad")));
        assertTrue(e.getMessage().contains("bad exited while starting"), e.getMessage());
        assertTrue(e.getMessage().contains("boom"), "the log tail is shown: " + e.getMessage());
        assertEquals(Daemon.State.STOPPED, state("a"), "a was started by the failed call");

        stack.up(List.of("a"));
        long a = pid("a");
        assertThrows(LabException.class, () -> stack.up(List.of("bad")));
        assertEquals(a, pid("a"), "a was running before the failed call");
    }

    @Test
    void busyPortIsNamedAndNothingStarts() throws Exception {
        try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = foreign.getLocalPort();
            stack(fake("a"), new Fake("b", List.of("a"), SERVE, List.of(port), null));
            LabException e = assertThrows(LabException.class, () -> stack.up(List.of("b")));
            assertTrue(e.getMessage().contains("port " + port + " (b)"), e.getMessage());
            assertEquals(Daemon.State.STOPPED, state("a"));
            assertEquals(Daemon.State.STOPPED, state("b"));
        }
    }

    @Test
    void unavailableComponentsAreSkippedUnlessNamed() {
        stack(fake("a"), new Fake("app", List.of("a"), SERVE, List.of(), "no pom.xml"));
        stack.up(List.of());
        assertTrue(output.toString().contains("app: skipped, unavailable: no pom.xml"), output.toString());
        assertEquals("unavailable", stack.status().get(1).state());
        LabException e = assertThrows(LabException.class, () -> stack.up(List.of("app")));
        assertTrue(e.getMessage().contains("app is unavailable: no pom.xml"), e.getMessage());
    }
}
