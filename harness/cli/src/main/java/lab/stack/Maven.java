package lab.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Runs the repository's Maven wrapper with the console attached. */
public final class Maven {

    /** The builds running now, so that a shutdown (Ctrl-C) can stop them instead of leaving them behind. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private Maven() {
    }

    /** ./mvnw args in root; returns its exit code. */
    public static int run(Path root, String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString()));
        command.addAll(List.of(args));
        Process maven;
        try {
            maven = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
        } catch (IOException e) {
            throw new LabException("cannot run " + command + ": " + e.getMessage(), e);
        }
        RUNNING.add(maven);
        try {
            return maven.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted: " + command);
        } finally {
            RUNNING.remove(maven);
        }
    }

    /** Terminates every build this process is running, with what it forked (test JVMs): each run then returns non-zero. */
    public static void stopRunning() {
        for (Process maven : RUNNING) {
            maven.descendants().forEach(ProcessHandle::destroy);
            maven.destroy();
        }
    }
}
