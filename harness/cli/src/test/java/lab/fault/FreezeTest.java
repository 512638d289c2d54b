package lab.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import lab.stack.Daemon;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;
import lab.stack.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No fault leaves a process frozen: interrupted, the CLI gone, or killed, the process is thawed or shown and resumed. */
class FreezeTest {

    @TempDir
    Path home;

    private Stack stack;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true);

    @BeforeEach
    void stack() {
        stack = FakeCdcServers.stack(home, out);
        stack.up(List.of());
    }

    @AfterEach
    void down() {
        stack.down();
    }

    private long pid(String name) {
        return FakeCdcServers.pid(stack, name);
    }


    /** The state once a signal sent to pid has taken effect: a stop is delivered asynchronously. */
    private static char settled(long pid, char expected) throws IOException {
        for (int i = 0; i < 50 && FakeCdcServers.state(pid) != expected; i++) {
            Sleep.millis(20);
        }
        return FakeCdcServers.state(pid);
    }

    private String label(String name) {
        return stack.status().stream().filter(s -> s.name().equals(name)).findFirst().map(Status::state).orElseThrow();
    }

    @Test
    void anInterruptedPauseThawsWhatItFroze() throws Exception {
        long mongo = pid("cdc-mongodb");
        long elastic = pid("cdc-elasticsearch");
        AtomicReference<Thread> injecting = new AtomicReference<>();
        CompletableFuture<FaultReport> pause = CompletableFuture.supplyAsync(() -> {
            injecting.set(Thread.currentThread());
            return new CdcPause().inject(stack, out, new FaultOptions("both", Map.of("--for", "1m")));
        });
        Sleep.millis(400);
        assertEquals('T', FakeCdcServers.state(mongo));
        assertEquals('T', FakeCdcServers.state(elastic));
        injecting.get().interrupt();
        ExecutionException failed = assertThrows(ExecutionException.class, pause::get);
        assertInstanceOf(LabException.class, failed.getCause());
        assertTrue(settled(mongo, 'S') != 'T');
        assertTrue(settled(elastic, 'S') != 'T');
    }

    @Test
    void theShutdownHookThawsAFreezeThatNeverClosed() throws Exception {
        long mongo = pid("cdc-mongodb");
        Freeze freeze = new Freeze("cdc-pause");
        freeze.stop(mongo);
        assertEquals('T', settled(mongo, 'T'));
        Freeze.thawAll();
        assertTrue(settled(mongo, 'S') != 'T');
        freeze.close();
    }

    @Test
    void statusShowsAProcessLeftStoppedAsPausedAndUpResumesIt() throws Exception {
        long mongo = pid("cdc-mongodb");
        Daemon.signal(mongo, "STOP");
        Daemon daemon = stack.daemon(stack.component("cdc-mongodb"));
        assertEquals('T', settled(mongo, 'T'));
        assertEquals("PAUSED", label("cdc-mongodb"));
        assertEquals("running", label("cdc-elasticsearch"));
        stack.up(List.of("cdc-mongodb"));
        assertFalse(daemon.paused());
        assertTrue(settled(mongo, 'S') != 'T');
        assertEquals(mongo, pid("cdc-mongodb"), "resumed, not started again");
        assertTrue(printed.toString().contains("cdc-mongodb: was PAUSED (SIGSTOP); sent SIGCONT"), printed.toString());
    }
}
