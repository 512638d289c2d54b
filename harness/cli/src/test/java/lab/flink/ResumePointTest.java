package lab.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumePointTest {

    private static final String OURS = "0123456789abcdef0123456789abcdef";
    private static final String EARLIER = "fedcba9876543210fedcba9876543210";
    private static final String OTHER = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @TempDir
    Path flink;

    private Path checkpoints() {
        return flink.resolve("checkpoints");
    }

    private Path savepoints() {
        return flink.resolve("savepoints");
    }

    /** A completed one: its _metadata written at the given time. */
    private Path completed(Path dir, long modified) throws IOException {
        Files.createDirectories(dir);
        Files.setLastModifiedTime(Files.writeString(dir.resolve("_metadata"), "x"), FileTime.fromMillis(modified));
        return dir;
    }

    private Optional<ResumePoint> latest(Set<String> ours) throws IOException {
        return ResumePoint.latest(ResumePoint.scan(checkpoints(), savepoints()), ours);
    }

    @Test
    void nothingToResumeFromWithoutDirectories() throws IOException {
        assertEquals(Optional.empty(), latest(Set.of(OURS)));
    }

    @Test
    void theLatestCompletedCheckpointOrSavepointOfOurJobsWins() throws IOException {
        completed(checkpoints().resolve(EARLIER + "/chk-8"), 1_000);
        Path savepoint = completed(savepoints().resolve("savepoint-fedcba-0123456789ab"), 2_000);
        Path checkpoint = completed(checkpoints().resolve(OURS + "/chk-24"), 3_000);
        assertEquals(checkpoint, latest(Set.of(OURS, EARLIER)).orElseThrow().dir());
        assertEquals(savepoint, latest(Set.of(EARLIER)).orElseThrow().dir(), "a savepoint names its job by prefix");
        assertTrue(latest(Set.of(EARLIER)).orElseThrow().savepoint());
    }

    @Test
    void incompleteOnesAndOtherJobsAreIgnored() throws IOException {
        Path ours = completed(checkpoints().resolve(OURS + "/chk-3"), 1_000);
        Files.createDirectories(checkpoints().resolve(OURS + "/chk-4")); // in progress: no _metadata yet
        completed(checkpoints().resolve(OTHER + "/chk-9"), 9_000);
        completed(savepoints().resolve("savepoint-aaaaaa-0123456789ab"), 9_000);
        completed(checkpoints().resolve(OURS + "/shared"), 9_000); // not a checkpoint directory
        completed(checkpoints().resolve("not-a-job/chk-1"), 9_000);
        assertEquals(ours, latest(Set.of(OURS)).orElseThrow().dir());
        assertEquals(Optional.empty(), latest(Set.of()));
    }

    @Test
    void theUriIsWhatSavepointPathTakes() throws IOException {
        Path chk = completed(checkpoints().resolve(OURS + "/chk-3"), 1_000);
        assertEquals("file://" + chk, latest(Set.of(OURS)).orElseThrow().uri());
    }

    @Test
    void sameTimeTheLaterNamedWins() {
        ResumePoint a = new ResumePoint(Path.of("/c/" + OURS + "/chk-10"), OURS, false, 5);
        ResumePoint b = new ResumePoint(Path.of("/c/" + OURS + "/chk-9"), OURS, false, 5);
        assertEquals(b, ResumePoint.latest(List.of(a, b), Set.of(OURS)).orElseThrow(),
                "ties break on the path, deterministically");
    }
}
