package lab.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A completed checkpoint or savepoint a job can be resumed from. Flink lays them out as
 * {@code <checkpoints>/<job id>/chk-<n>/_metadata} and {@code <savepoints>/savepoint-<first 6 of job id>-<random>/_metadata};
 * the _metadata file is written last, so a directory without it is an incomplete one and is ignored.
 *
 * @param dir      the checkpoint or savepoint directory (what savepointPath takes)
 * @param job      the job id of a checkpoint, the 6-character job id prefix of a savepoint
 * @param modified when its _metadata was written (epoch ms)
 */
public record ResumePoint(Path dir, String job, boolean savepoint, long modified) {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-\\d+");
    private static final Pattern SAVEPOINT = Pattern.compile("savepoint-([0-9a-f]{6})-[0-9a-f]+");
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");

    /** savepointPath for POST /jars/{id}/run. */
    public String uri() {
        return FlinkConf.uri(dir);
    }

    boolean of(Collection<String> jobIds) {
        return jobIds.stream().anyMatch(id -> savepoint ? id.startsWith(job) : id.equals(job));
    }

    /** The latest one that belongs to one of the given jobs (the lab's earlier runs of its job). */
    public static Optional<ResumePoint> latest(List<ResumePoint> candidates, Collection<String> ourJobIds) {
        return candidates.stream()
                .filter(c -> c.of(ourJobIds))
                .max(Comparator.comparingLong(ResumePoint::modified).thenComparing(c -> c.dir().toString()));
    }

    /** Every completed checkpoint and savepoint under the two directories. */
    public static List<ResumePoint> scan(Path checkpoints, Path savepoints) throws IOException {
        List<ResumePoint> found = new ArrayList<>();
        for (Path jobDir : children(checkpoints)) {
            if (JOB_ID.matcher(jobDir.getFileName().toString()).matches()) {
                for (Path chk : children(jobDir)) {
                    if (CHECKPOINT.matcher(chk.getFileName().toString()).matches()) {
                        complete(chk, jobDir.getFileName().toString(), false, found);
                    }
                }
            }
        }
        for (Path sp : children(savepoints)) {
            Matcher m = SAVEPOINT.matcher(sp.getFileName().toString());
            if (m.matches()) {
                complete(sp, m.group(1), true, found);
            }
        }
        return found;
    }

    private static void complete(Path dir, String job, boolean savepoint, List<ResumePoint> found) throws IOException {
        Path metadata = dir.resolve("_metadata");
        if (Files.isRegularFile(metadata)) {
            found.add(new ResumePoint(dir, job, savepoint, Files.getLastModifiedTime(metadata).toMillis()));
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).toList();
        }
    }
}
