package lab.components;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import lab.flink.FlinkConf;
import lab.flink.FlinkRest;
import lab.flink.JobHealth;
import lab.flink.JobSummary;
import lab.flink.ResumePoint;
import lab.stack.Config;
import lab.stack.Deployment;
import lab.stack.LabException;
import lab.stack.Maven;
import lab.stack.Trees;
import lab.stack.Wire;

/**
 * The Mode B job (flink-job/) on the lab's Flink cluster. `up` submits it through the REST API only when no
 * job of ours is running or on its way there, resuming from the latest retained checkpoint or savepoint of an
 * earlier run when there is one. "Ours": a job named flink.job.name, or whose id or name is one the lab
 * submitted (kept in data/flink/job/submitted); only checkpoints and savepoints of jobs the lab submitted are
 * resumed from, so those of other jobs on the cluster are never taken for its own.
 */
public final class FlinkJob extends Deployment {

    private static final String REGISTRY = "submitted";

    private final FlinkConf flink;
    private final FlinkRest rest;
    private final Kafka kafka;
    private final TaskManager taskManager;

    public FlinkJob(Config config, Kafka kafka, TaskManager taskManager) {
        super(config, "flink-job");
        this.flink = FlinkConf.of(config);
        this.rest = new FlinkRest(flink.restUrl());
        this.kafka = kafka;
        this.taskManager = taskManager;
    }

    @Override
    public Path dataDir() {
        return flink.home().resolve("job");
    }

    @Override
    public List<String> dependencies() {
        return List.of(taskManager.name(), kafka.name());
    }

    private Path project() {
        return config.root().resolve("flink-job");
    }

    private Path jar() {
        return project().resolve("target/flink-job.jar");
    }

    @Override
    public String endpoint() {
        return flink.restUrl() + "/#/job/running";
    }

    public FlinkRest rest() {
        return rest;
    }

    /** The job's arguments: the lab's Kafka, its consumer group there, its checkpoint directory and interval. */
    List<String> programArgs() {
        return List.of("--bootstrap", kafka.endpoint(), "--group-id", config.property("flink.consumer-group"),
                "--checkpoint-dir", FlinkConf.uri(flink.checkpoints()),
                "--checkpoint-interval-ms", config.property("flink.checkpoint-interval-ms"));
    }

    /** Ours, in a state on its way to running (created, running, restarting...), if any. */
    public Optional<JobSummary> live() {
        return current().filter(j -> !j.ended());
    }

    /** The job to show: ours that has not ended, else the latest of ours; empty when the JobManager does not answer. */
    public Optional<JobSummary> current() {
        try {
            Registry registry = registry();
            String name = config.property("flink.job.name");
            return JobSummary.current(rest.jobs(), j -> registry.ids().contains(j.id()) || j.name().equals(name)
                    || registry.names().contains(j.name()));
        } catch (LabException e) {
            return Optional.empty();
        }
    }

    /** Healthy: the job RUNNING and every one of its tasks too. */
    @Override
    public Observed observe() {
        Optional<JobSummary> job = current();
        if (job.isEmpty()) {
            return new Observed("stopped", null, endpoint(), false);
        }
        String id = job.get().id();
        String page = flink.restUrl() + "/#/job/" + (job.get().ended() ? "completed/" : "running/") + id + "/overview";
        JobHealth health = JobHealth.of(job.get());
        return new Observed(health.state(), id, page, health.healthy());
    }

    /** The health of one job by id, UNREACHABLE when the JobManager does not answer, GONE when it does not list it. */
    public JobHealth health(String jobId) {
        try {
            return JobSummary.byId(rest.jobs(), jobId).map(JobHealth::of).orElse(new JobHealth("GONE", false));
        } catch (LabException e) {
            return new JobHealth("UNREACHABLE", false);
        }
    }

    @Override
    public String diagnosis() {
        if (!rest.answers()) {
            return "the JobManager at " + flink.restUrl() + " does not answer";
        }
        Optional<JobSummary> job = current();
        if (job.isEmpty()) {
            return "the JobManager lists no job of ours";
        }
        String id = job.get().id();
        StringBuilder out = new StringBuilder("job " + id + " is " + observe().state());
        try {
            JsonNode entries = rest.exceptions(id).path("exceptionHistory").path("entries");
            if (!entries.isEmpty()) {
                List<String> trace = entries.get(0).path("stacktrace").asText().lines().limit(8).toList();
                out.append("; its last failure:\n").append(String.join("\n", trace));
            }
        } catch (LabException e) {
            // no exception history to show
        }
        return out.append("\nsee ").append(config.logFile(taskManager.name())).append(" and ")
                .append(config.logFile("jobmanager")).toString();
    }

    @Override
    public String deploy() throws IOException {
        if (live().isPresent()) {
            return null;
        }
        install();
        Optional<ResumePoint> resume = latestResumePoint();
        submit(resume.map(ResumePoint::uri).orElse(null));
        return "submitted" + resume.map(r -> ", resuming from " + r.uri()).orElse(", fresh (nothing to resume from)");
    }

    /** The latest completed checkpoint or savepoint of a job the lab submitted. */
    public Optional<ResumePoint> latestResumePoint() throws IOException {
        return ResumePoint.latest(ResumePoint.scan(flink.checkpoints(), flink.savepoints()), registry().ids());
    }

    /**
     * Uploads the installed jar (the one the last `up` built; replacing earlier uploads of it) and runs it, from
     * savepointPath when not null. Records the job as the lab's. Returns the job id.
     */
    public String submit(String savepointPath) throws IOException {
        Path jar = installed();
        if (!Files.exists(jar)) {
            throw new LabException("no job jar installed at " + jar + "; ./lab up flink-job builds and installs it");
        }
        String entryClass = mainClass(jar);
        for (JsonNode uploaded : rest.jars().path("files")) {
            if (uploaded.path("name").asText().equals(jar.getFileName().toString())) {
                rest.deleteJar(uploaded.path("id").asText());
            }
        }
        String jarId = rest.upload(jar);
        String jobId = rest.run(jarId, entryClass, programArgs(), savepointPath);
        String name = "";
        try {
            name = rest.job(jobId).path("name").asText();
        } catch (LabException e) {
            // recorded by id only
        }
        Files.createDirectories(dataDir());
        Files.writeString(dataDir().resolve(REGISTRY), String.join("\t", jobId, name,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), savepointPath == null ? "-" : savepointPath) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.createDirectories(config.logFile(name()).getParent());
        Files.writeString(config.logFile(name()), "%s submitted %s (%s, %s) %s%n".formatted(Instant.now(), jobId, name,
                        entryClass, savepointPath == null ? "fresh" : "from " + savepointPath),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return jobId;
    }

    private record Registry(Set<String> ids, Set<String> names) {
    }

    private Registry registry() {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(dataDir().resolve(REGISTRY))) {
                String[] fields = line.split("\t");
                if (!fields[0].isBlank()) {
                    ids.add(fields[0]);
                }
                if (fields.length > 1 && !fields[1].isBlank()) {
                    names.add(fields[1]);
                }
            }
        } catch (IOException e) {
            // nothing submitted yet
        }
        return new Registry(ids, names);
    }

    /** The copy submissions upload: a rebuild or clean of flink-job/target cannot change what a restart submits. */
    private Path installed() {
        return dataDir().resolve(jar().getFileName());
    }

    /**
     * Packages the job when its jar is missing or older than flink-job/pom.xml, anything in flink-job/src or the
     * wire module's install (installed first when it changed), then installs a copy of it.
     */
    private void install() throws IOException {
        Path jar = jar();
        FileTime wire = Wire.installed(config.root());
        if (!Files.exists(jar) || Trees.changedSince(project(), Files.getLastModifiedTime(jar))
                || wire.compareTo(Files.getLastModifiedTime(jar)) > 0) {
            System.out.println(name() + ": packaging the job (./mvnw -q -B -f flink-job/pom.xml package -DskipTests)");
            if (Maven.run(config.root(), "-q", "-B", "-f", "flink-job/pom.xml", "package", "-DskipTests") != 0
                    || !Files.exists(jar)) {
                throw new LabException("packaging the Flink job failed");
            }
        }
        Files.createDirectories(dataDir());
        Files.copy(jar, installed(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static String mainClass(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String main = file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Main-Class");
            if (main == null || main.isBlank()) {
                throw new LabException(jar + " names no Main-Class in its manifest");
            }
            return main.trim();
        }
    }
}
