package lab.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.stack.LabException;

/**
 * A {@link CpuBurner} in its own small JVM while the lab runs something that must not depend on timing. Stopped by
 * its PID on close and by a shutdown hook (Ctrl-C); if the lab is killed outright, the burner sees its input close.
 */
public final class CpuLoad implements AutoCloseable {

    private static final long STOP_SECONDS = 10;

    private final Process process;
    private final Thread stopOnExit;

    private CpuLoad(Process process) {
        this.process = process;
        this.stopOnExit = new Thread(this::stop, "stop-cpu-load");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts the burner and says so on out. */
    public static CpuLoad start(PrintStream out) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", classpath(), CpuBurner.class.getName());
        try {
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CpuLoad load = new CpuLoad(process);
            out.printf("load: CPU burner pid %d runs, one busy thread per core (%d cores)%n", process.pid(),
                    Runtime.getRuntime().availableProcessors());
            return load;
        } catch (IOException e) {
            throw new LabException("cannot start the CPU burner " + command + ": " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the burner and waits until it is gone. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is stopping it already
        }
        stop();
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Where CpuBurner's class is: the lab's jar, or its classes directory in a build. It needs nothing else. */
    private static String classpath() {
        try {
            return Path.of(CpuBurner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new LabException("cannot locate the CPU burner's classes: " + e.getMessage(), e);
        }
    }
}
