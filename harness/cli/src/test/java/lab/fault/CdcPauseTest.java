package lab.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import lab.stack.Config;
import lab.stack.Daemon;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cdc-pause on small real processes standing in for the two Debezium Servers. */
class CdcPauseTest {

    @TempDir
    Path home;

    private Stack stack;
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true);

    @BeforeEach
    void stack() {
        stack = FakeCdcServers.stack(home, out);
    }

    @AfterEach
    void down() {
        stack.down();
    }

    private long pid(String name) {
        return FakeCdcServers.pid(stack, name);
    }


    @Test
    void stopsOnlyTheNamedServerForTheDurationThenContinuesIt() throws Exception {
        stack.up(List.of());
        long mongo = pid("cdc-mongodb");
        long elastic = pid("cdc-elasticsearch");
        CompletableFuture<FaultReport> pause = CompletableFuture.supplyAsync(() -> new CdcPause().inject(stack, out,
                new FaultOptions("mongodb", Map.of("--for", "700ms"))));
        Sleep.millis(350);
        assertEquals('T', FakeCdcServers.state(mongo));
        assertTrue(FakeCdcServers.state(elastic) != 'T');
        FaultReport report = pause.get();
        assertTrue(FakeCdcServers.state(mongo) != 'T');
        assertEquals("mongodb", report.fields().get("target"));
        assertEquals(Map.of("cdc-mongodb", mongo), report.fields().get("pids"));
        assertTrue((Long) report.fields().get("paused_ms") >= 700, report.text());
    }

    @Test
    void aServerThatIsDownStopsTheFaultBeforeAnythingIsTouched() throws Exception {
        stack.up(List.of());
        stack.daemon(stack.component("cdc-elasticsearch")).kill();
        LabException e = assertThrows(LabException.class,
                () -> new CdcPause().inject(stack, out, new FaultOptions("both", Map.of())));
        assertEquals("cdc-pause: cdc-elasticsearch is not running; start it with ./lab up cdc-elasticsearch", e.getMessage());
        assertTrue(FakeCdcServers.state(pid("cdc-mongodb")) != 'T');
        assertEquals(Daemon.State.RUNNING, stack.daemon(stack.component("cdc-mongodb")).state());
    }

    @Test
    void durationsAreParsed() {
        assertEquals(Duration.ofMillis(500), CdcPause.duration("500ms"));
        assertEquals(Duration.ofSeconds(12), CdcPause.duration("12s"));
        assertEquals(Duration.ofMinutes(2), CdcPause.duration("2m"));
        assertThrows(LabException.class, () -> CdcPause.duration("soon"));
    }

    @Test
    void aStackWithoutTheServersSaysSo() {
        Stack bare = new Stack(new Config(Path.of("/repo"), home, new Properties()), List.of(), out);
        LabException e = assertThrows(LabException.class, () -> new CdcPause().inject(bare, out));
        assertTrue(e.getMessage().startsWith("unknown component 'cdc-mongodb'"), e.getMessage());
    }
}
