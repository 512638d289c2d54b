package lab.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the repository's Maven wrapper with the console attached. */
public final class Maven {
    private Maven() {
    }

    /** ./mvnw args in root; returns its exit code. */
    public static int run(Path root, String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString()));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).directory(root.toFile()).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new LabException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted: " + command);
        }
    }
}
