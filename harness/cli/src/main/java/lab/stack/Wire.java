package lab.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire module (wire/): the formats of lab.events and lab.results, which the service and the Flink job build
 * against from the local Maven repository. It is installed before either is built, and again whenever its pom
 * or sources changed since the last install, which a stamp in wire/target/ records.
 */
public final class Wire {

    public static final String DIR = "wire";

    private Wire() {
    }

    /** Builds, tests and installs wire/, with Maven's own output; true when it succeeded. */
    public static synchronized boolean install(Path root, String... mavenFlags) {
        List<String> args = new ArrayList<>(List.of(mavenFlags));
        args.addAll(List.of("-B", "-f", DIR + "/pom.xml", "install"));
        if (Maven.run(root, args.toArray(String[]::new)) != 0) {
            return false;
        }
        Path stamp = stamp(root);
        try {
            Files.createDirectories(stamp.getParent());
            Files.deleteIfExists(stamp);
            Files.createFile(stamp);
        } catch (IOException e) {
            throw new LabException("cannot write " + stamp + ": " + e.getMessage(), e);
        }
        return true;
    }

    /**
     * Installs wire/ unless the last install is newer than its pom and sources; returns the time of that install,
     * so a project built before it knows to rebuild.
     */
    public static synchronized FileTime installed(Path root) {
        Path stamp = stamp(root);
        try {
            if (!Files.exists(stamp) || Trees.changedSince(root.resolve(DIR), Files.getLastModifiedTime(stamp))) {
                System.out.println("wire: installing the wire module (./mvnw -q -B -f wire/pom.xml install)");
                if (!install(root, "-q")) {
                    throw new LabException("installing the wire module failed");
                }
            }
            return Files.getLastModifiedTime(stamp);
        } catch (IOException e) {
            throw new LabException("cannot tell whether the wire module is installed: " + e.getMessage(), e);
        }
    }

    private static Path stamp(Path root) {
        return root.resolve(DIR).resolve("target/.installed");
    }
}
