package lab.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreesTest {

    private static final FileTime BUILT = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aProjectChangedWhenItsPomOrAnyFileUnderSrcIsNewerThanTheBuild(@TempDir Path project) throws Exception {
        Path pom = Files.writeString(project.resolve("pom.xml"), "<project/>");
        Path source = Files.createDirectories(project.resolve("src/main/java")).resolve("A.java");
        Files.writeString(source, "class A {}");
        Path output = Files.createDirectories(project.resolve("target")).resolve("a.jar");
        Files.writeString(output, "");
        for (Path p : new Path[] {pom, source, output}) {
            Files.setLastModifiedTime(p, FileTime.from(BUILT.toInstant().minusSeconds(1)));
        }
        assertFalse(Trees.changedSince(project, BUILT));

        Files.setLastModifiedTime(output, FileTime.from(BUILT.toInstant().plusSeconds(1)));
        assertFalse(Trees.changedSince(project, BUILT), "target/ is output, not input");

        Files.setLastModifiedTime(source, FileTime.from(BUILT.toInstant().plusSeconds(1)));
        assertTrue(Trees.changedSince(project, BUILT));

        Files.setLastModifiedTime(source, FileTime.from(BUILT.toInstant().minusSeconds(1)));
        Files.setLastModifiedTime(pom, FileTime.from(BUILT.toInstant().plusSeconds(1)));
        assertTrue(Trees.changedSince(project, BUILT));
    }
}
