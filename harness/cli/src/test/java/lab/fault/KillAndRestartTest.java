package lab.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import lab.stack.Config;
import lab.stack.Daemon;
import lab.stack.LabException;
import lab.stack.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill -9 and restart fault on small real processes standing in for kafka and the processor. */
class KillAndRestartTest {

    @TempDir
    Path home;

    private Stack stack;
    private FakeProcess processor;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true);

    @BeforeEach
    void stack() {
        processor = new FakeProcess(home, "processor", "kafka");
        stack = new Stack(new Config(Path.of("/repo"), home, new Properties()),
                List.of(new FakeProcess(home, "kafka"), processor), out);
    }

    @AfterEach
    void down() {
        stack.down();
    }

    private Daemon daemon(String name) {
        return stack.daemon(stack.component(name));
    }

    @Test
    void killsTheRecordedProcessAndStartsTheSameOneAgainWithoutPreparing() throws IOException {
        stack.up(List.of("processor"));
        long oldPid = daemon("processor").recordedPid().getAsLong();
        long kafkaPid = daemon("kafka").recordedPid().getAsLong();

        FaultReport report = new ProcessorRestart().inject(stack, out);

        long newPid = daemon("processor").recordedPid().getAsLong();
        assertNotEquals(oldPid, newPid);
        assertEquals(Daemon.State.RUNNING, daemon("processor").state());
        assertFalse(Daemon.isInstance(oldPid, processor.marker()));
        assertEquals(kafkaPid, daemon("kafka").recordedPid().getAsLong(), "the dependency is left alone");
        assertEquals(1, processor.prepared, "a restart runs what the last start prepared");

        JsonNode json = new ObjectMapper().readTree(report.json());
        assertEquals("processor-restart", json.path("fault").asText());
        assertEquals(oldPid, json.path("old_pid").asLong());
        assertEquals(newPid, json.path("new_pid").asLong());
        assertTrue(json.path("healthy_ms").asLong() >= json.path("gone_ms").asLong(), report.json());
        assertTrue(json.path("killed_at").asText().endsWith("Z"), report.json());
        assertFalse(report.json().contains("\n"), "one line");
        assertTrue(report.text().contains("old_pid     " + oldPid), report.text());
    }

    @Test
    void aProcessorThatIsNotRunningIsAnErrorAndNothingIsTouched() {
        stack.up(List.of("kafka"));
        long kafkaPid = daemon("kafka").recordedPid().getAsLong();
        LabException e = assertThrows(LabException.class, () -> new ProcessorRestart().inject(stack, out));
        assertTrue(e.getMessage().contains("processor is not running"), e.getMessage());
        assertEquals(Daemon.State.STOPPED, daemon("processor").state());
        assertEquals(kafkaPid, daemon("kafka").recordedPid().getAsLong());
        assertEquals(0, processor.prepared);
    }

    @Test
    void aDeadDependencyStopsTheFaultBeforeTheKill() throws Exception {
        stack.up(List.of("processor"));
        long pid = daemon("processor").recordedPid().getAsLong();
        daemon("kafka").kill();
        LabException e = assertThrows(LabException.class, () -> new ProcessorRestart().inject(stack, out));
        assertTrue(e.getMessage().contains("kafka is not running"), e.getMessage());
        assertEquals(pid, daemon("processor").recordedPid().getAsLong());
        assertEquals(Daemon.State.RUNNING, daemon("processor").state());
    }

    @Test
    void faultsAreFoundByName() {
        assertEquals("processor-restart", Faults.named("processor-restart").name());
        assertThrows(LabException.class, () -> Faults.named("nope"));
        assertEquals("taskmanager-kill", Faults.named("taskmanager-kill").name());
        assertEquals(Set.of("--savepoint", "--after-checkpoint"), Faults.named("flink-job-restart").options().keySet());
        assertEquals(Set.of("--after-checkpoint"), Faults.named("checkpoint-timeout").options().keySet());
    }
}
