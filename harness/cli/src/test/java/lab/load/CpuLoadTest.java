package lab.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuLoadTest {

    @Test
    void theBurnerRunsBusyAsItsOwnProcessUntilClosedThenItIsGone() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        long pid;
        try (CpuLoad load = CpuLoad.start(new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            pid = load.pid();
            ProcessHandle burner = ProcessHandle.of(pid).orElseThrow();
            assertTrue(burner.isAlive());
            assertTrue(burner.info().commandLine().orElse("").contains(CpuBurner.class.getName()),
                    burner.info().commandLine().orElse("?"));
            // However loaded the machine, a busy burner's CPU time grows past any mark; an idle one never would.
            while (burner.info().totalCpuDuration().orElseThrow().compareTo(Duration.ofMillis(500)) <= 0) {
                assertTrue(burner.isAlive(), "the burner exited");
                Thread.sleep(50);
            }
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stopped by close");
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("CPU burner pid " + pid + " runs"));
    }
}
