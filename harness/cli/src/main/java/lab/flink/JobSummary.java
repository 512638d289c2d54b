package lab.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One job of GET /jobs/overview, with how many of its tasks (parallel subtasks) are in each state.
 * The overview is read fresh from the JobManager on every call, unlike GET /jobs/{id}, which is cached for
 * web.refresh-interval (3 s): timings taken from the overview are not skewed by that cache.
 *
 * @param tasks task counts by lower-case state, including "total"
 */
public record JobSummary(String id, String name, String state, long startTime, Map<String, Integer> tasks) {

    /** States a job does not leave again (SUSPENDED: its JobManager lost leadership or stopped). */
    static final Set<String> ENDED = Set.of("FINISHED", "CANCELED", "FAILED", "SUSPENDED");

    public boolean ended() {
        return ended(state);
    }

    public static boolean ended(String state) {
        return ENDED.contains(state);
    }

    public int tasks(String taskState) {
        return tasks.getOrDefault(taskState, 0);
    }

    static List<JobSummary> parseOverview(JsonNode overview) {
        List<JobSummary> jobs = new ArrayList<>();
        for (JsonNode job : overview.path("jobs")) {
            Map<String, Integer> tasks = new LinkedHashMap<>();
            job.path("tasks").properties().forEach(e -> tasks.put(e.getKey(), e.getValue().asInt()));
            jobs.add(new JobSummary(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(),
                    job.path("start-time").asLong(), Map.copyOf(tasks)));
        }
        return jobs;
    }

    /**
     * Which of the jobs is the one to show and act on: among those ours says belong to us, the latest started
     * that has not ended (it is running or on its way: created, restarting...), else the latest started.
     */
    public static Optional<JobSummary> current(List<JobSummary> jobs, Predicate<JobSummary> ours) {
        Comparator<JobSummary> latest = Comparator.comparingLong(JobSummary::startTime);
        List<JobSummary> mine = jobs.stream().filter(ours).toList();
        Optional<JobSummary> live = mine.stream().filter(j -> !j.ended()).max(latest);
        return live.isPresent() ? live : mine.stream().max(latest);
    }

    public static Optional<JobSummary> byId(List<JobSummary> jobs, String id) {
        return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
    }
}
