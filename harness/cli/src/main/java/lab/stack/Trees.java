package lab.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.stream.Stream;

/** Recursive delete and copy of directory trees, and whether a Maven project changed since it was built. */
public final class Trees {
    private Trees() {
    }

    public static void delete(Path dir) throws IOException {
        if (Files.notExists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Replaces to with a copy of from. */
    public static void copy(Path from, Path to) throws IOException {
        delete(to);
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p)), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** Whether the project's pom.xml or any file under its src/ was modified after {@code built}. */
    public static boolean changedSince(Path project, FileTime built) throws IOException {
        Path src = project.resolve("src");
        try (Stream<Path> files = Files.exists(src) ? Files.walk(src) : Stream.empty()) {
            return Stream.concat(Stream.of(project.resolve("pom.xml")), files.filter(Files::isRegularFile))
                    .anyMatch(p -> modified(p).compareTo(built) > 0);
        }
    }

    /** A file that cannot be read counts as changed. */
    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }
}
