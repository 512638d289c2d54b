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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
        private Duration startTimeout = Duration.ofSeconds(5);

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
            return startTimeout;
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
    void abandonStopsAnUpStillWaitingAndWhatItStarted() throws Exception {
        Fake never = new Fake("never", List.of("a"), "exec -a \"$0\" sleep 600", List.of(), null);
        never.startTimeout = Duration.ofHours(1);
        stack(fake("a"), never);
        CompletableFuture<Void> up = CompletableFuture.runAsync(() -> stack.up(List.of("never")));
        while (state("never") != Daemon.State.RUNNING) {
            Thread.sleep(20);
        }
        long a = pid("a");
        long waiting = pid("never");

        stack.abandon();

        ExecutionException e = assertThrows(ExecutionException.class, up::get);
        assertTrue(e.getCause().getMessage().contains("shutting down"), e.getCause().getMessage());
        assertEquals(Daemon.State.STOPPED, state("a"));
        assertEquals(Daemon.State.STOPPED, state("never"));
        assertTrue(ProcessHandle.of(a).isEmpty() && ProcessHandle.of(waiting).isEmpty());
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

    /** A job on fake "host": deployed when absent, healthy once deployed while its host runs. */
    private final class FakeJob extends Deployment {
        int deployed;
        boolean there;

        FakeJob() {
            super(config(), "job");
        }

        @Override
        public List<String> dependencies() {
            return List.of("host");
        }

        @Override
        public String endpoint() {
            return "fake:job";
        }

        private boolean hostRuns() {
            return state("host") == Daemon.State.RUNNING;
        }

        @Override
        public Observed observe() {
            boolean up = there && hostRuns();
            return new Observed(up ? "RUNNING" : "stopped", up ? "job-" + deployed : null, "fake:job/" + deployed, up);
        }

        @Override
        public String deploy() {
            if (observe().healthy()) {
                return null;
            }
            deployed++;
            there = true;
            return "submitted";
        }
    }

    @Test
    void aDeploymentIsDeployedOnceAfterItsHostAndEndsWithIt() {
        FakeJob job = new FakeJob();
        stack(fake("host"), job);
        stack.up(List.of("job"));
        assertEquals(1, job.deployed);
        assertTrue(output.toString().contains("submitted; RUNNING after"), output.toString());
        Status status = stack.status().get(1);
        assertEquals("RUNNING", status.state());
        assertEquals("job-1", status.jobId());
        assertEquals(null, status.pid());
        assertEquals("fake:job/1", status.endpoint());

        stack.up(List.of());
        assertEquals(1, job.deployed, "idempotent: a healthy deployment is left alone");
        assertTrue(output.toString().contains("job               already RUNNING (job-1)"), output.toString());
        assertThrows(LabException.class, () -> stack.relaunch("job"));

        stack.down();
        assertEquals(Daemon.State.STOPPED, state("host"));
        assertEquals("stopped", stack.status().get(1).state());
        assertTrue(Files.notExists(home.resolve("run/job.pid")), "a deployment has no pid file");
    }

    @Test
    void aDeploymentThatDoesNotBecomeHealthyIsAFailureAndItsNewHostStops() {
        Deployment never = new Deployment(config(), "job") {
            @Override
            public List<String> dependencies() {
                return List.of("host");
            }

            @Override
            public String endpoint() {
                return "fake:job";
            }

            @Override
            public Observed observe() {
                return new Observed("FAILED", "j", "fake:job", false);
            }

            @Override
            public String deploy() {
                return "submitted";
            }

            @Override
            public Duration startTimeout() {
                return Duration.ofMillis(300);
            }

            @Override
            public String diagnosis() {
                return "it failed: boom";
            }
        };
        stack(fake("host"), never);
        LabException e = assertThrows(LabException.class, () -> stack.up(List.of("job")));
        assertTrue(e.getMessage().contains("job submitted but is not healthy after 0 s: it failed: boom"), e.getMessage());
        assertEquals(Daemon.State.STOPPED, state("host"));
    }

    @Test
    void unavailableComponentsAreSkippedUnlessNamed() {
        stack(fake("a"), new Fake("mongodb", List.of("a"), SERVE, List.of(), "jars missing"));
        stack.up(List.of());
        assertTrue(output.toString().contains("mongodb: skipped, unavailable: jars missing"), output.toString());
        assertEquals("unavailable", stack.status().get(1).state());
        LabException e = assertThrows(LabException.class, () -> stack.up(List.of("mongodb")));
        assertTrue(e.getMessage().contains("mongodb is unavailable: jars missing"), e.getMessage());
    }
}
