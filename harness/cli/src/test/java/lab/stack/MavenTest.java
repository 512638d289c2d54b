package lab.stack;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenTest {

    @TempDir
    Path root;

    @Test
    void stopRunningEndsABuildAndWhatItForked() throws Exception {
        // A build that would succeed, after a child of its own has slept for ten minutes.
        Path mvnw = root.resolve("mvnw");
        Files.writeString(mvnw, "#!/usr/bin/env bash\nsleep 600 &\necho $! > forked\nwait\nexit 0\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwx------"));
        CompletableFuture<Integer> build = CompletableFuture.supplyAsync(() -> Maven.run(root, "verify"));
        Path forked = root.resolve("forked");
        while (!Files.exists(forked) || Files.readString(forked).isBlank()) {
            Thread.sleep(20);
        }
        long child = Long.parseLong(Files.readString(forked).trim());

        Maven.stopRunning();

        assertNotEquals(0, build.get());
        ProcessHandle.of(child).ifPresent(p -> p.onExit().join());
        assertTrue(ProcessHandle.of(child).isEmpty());
    }
}
