package lab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {

    @TempDir
    Path dir;

    private static byte[] cmdline(String... args) {
        return (String.join("\0", args) + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void markerMustBeAWholeArgumentOrAPropertyValue() {
        assertTrue(Daemon.matches(cmdline("postgres", "-D", "/h/data/postgres"), "/h/data/postgres"));
        assertTrue(Daemon.matches(cmdline("java", "-Dlab.data=/h/data/kafka", "kafka.Kafka"), "/h/data/kafka"));
        assertFalse(Daemon.matches(cmdline("java", "-Dlab.data=/h/data/kafka2"), "/h/data/kafka"));
        assertFalse(Daemon.matches(cmdline("postgres", "-D", "/other/data/postgres"), "/h/data/postgres"));
        assertFalse(Daemon.matches(new byte[0], "/h/data/postgres"), "a zombie has an empty cmdline");
    }

    @Test
    void pidFileStates() throws Exception {
        Path pidFile = dir.resolve("run/x.pid");
        Daemon daemon = new Daemon(pidFile, "/h/data/x");
        assertEquals(Daemon.State.STOPPED, daemon.state());

        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        assertEquals(Daemon.State.DEAD, daemon.state(), "a live pid of another program is stale");

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(pidFile, gone.pid() + "\n");
        assertEquals(Daemon.State.DEAD, daemon.state(), "an exited pid is stale");

        Files.writeString(pidFile, "garbage");
        assertEquals(Daemon.State.DEAD, daemon.state());
        daemon.forget();
        assertEquals(Daemon.State.STOPPED, daemon.state());
    }

    @Test
    void stopEscalatesToKillWhenTermIsIgnored() throws Exception {
        String marker = dir.resolve("data/stubborn").toString();
        Daemon daemon = new Daemon(dir.resolve("run/stubborn.pid"), marker);
        // exec -a puts the marker in argv[0]; the ignored SIGTERM survives the exec.
        Process process = daemon.launch(List.of("bash", "-c", "trap '' TERM; exec -a \"$0\" sleep 60", marker),
                dir.resolve("data/stubborn"), dir.resolve("logs/stubborn.log"));
        // Wait for the exec to be done: until then the process is bash, and during it /proc shows it as neither.
        Path comm = Path.of("/proc", Long.toString(process.pid()), "comm");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Files.readString(comm).trim().equals("sleep") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Daemon.State.RUNNING, daemon.state());
        assertTrue(Daemon.rssKib(process.pid()) > 0);

        assertTrue(daemon.stop("TERM", Duration.ofMillis(500)));
        // stop() returns once the process is gone from /proc; the JVM notices its exit a moment later.
        assertTrue(process.waitFor(5, TimeUnit.SECONDS));
        assertFalse(Files.exists(dir.resolve("run/stubborn.pid")));
        assertFalse(daemon.stop("TERM", Duration.ofMillis(500)), "nothing left to stop");
    }
}
