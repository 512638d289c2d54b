package lab.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing GET /jobs/overview, choosing the lab's job among the cluster's, and its health. */
class JobStateTest {

    private static final String OVERVIEW = """
            {"jobs":[
              {"jid":"aa","name":"lab-mode-b","start-time":300,"end-time":-1,"state":"RUNNING",
               "tasks":{"running":4,"canceling":0,"canceled":0,"total":4,"created":0,"scheduled":0,"deploying":0,
                        "reconciling":0,"finished":0,"initializing":0,"failed":0}},
              {"jid":"bb","name":"lab-mode-b","start-time":500,"end-time":600,"state":"CANCELED",
               "tasks":{"total":4,"canceled":4}},
              {"jid":"cc","name":"someone else's","start-time":900,"state":"RUNNING","tasks":{"total":1,"running":1}}
            ]}""";

    private static List<JobSummary> jobs() throws Exception {
        return JobSummary.parseOverview(new ObjectMapper().readTree(OVERVIEW));
    }

    private static JobSummary job(String state, Map<String, Integer> tasks) {
        return new JobSummary("id", "lab-mode-b", state, 1, tasks);
    }

    @Test
    void theOverviewGivesIdNameStateStartAndTaskCounts() throws Exception {
        JobSummary first = jobs().getFirst();
        assertEquals("aa", first.id());
        assertEquals("lab-mode-b", first.name());
        assertEquals("RUNNING", first.state());
        assertEquals(300, first.startTime());
        assertEquals(4, first.tasks("total"));
        assertEquals(0, first.tasks("no such state"));
        assertFalse(first.ended());
        assertTrue(jobs().get(1).ended());
    }

    @Test
    void theJobOfOursThatHasNotEndedWinsOverANewerEndedOne() throws Exception {
        Optional<JobSummary> current = JobSummary.current(jobs(), j -> j.name().equals("lab-mode-b"));
        assertEquals("aa", current.orElseThrow().id());
    }

    @Test
    void withoutALiveOneTheLatestEndedOneIsShown() throws Exception {
        List<JobSummary> ended = jobs().stream().filter(j -> !j.id().equals("aa")).toList();
        assertEquals("bb", JobSummary.current(ended, j -> j.name().equals("lab-mode-b")).orElseThrow().id());
        assertEquals(Optional.empty(), JobSummary.current(ended, j -> j.name().equals("nothing of ours")));
        assertEquals("cc", JobSummary.byId(jobs(), "cc").orElseThrow().id());
    }

    @Test
    void healthyOnlyWhenTheJobAndEveryTaskRun() throws Exception {
        assertEquals(new JobHealth("RUNNING", true), JobHealth.of(jobs().getFirst()));
        assertEquals(new JobHealth("CANCELED", false), JobHealth.of(jobs().get(1)));
        assertEquals(new JobHealth("RESTARTING", false), JobHealth.of(job("RESTARTING", Map.of("total", 4, "running", 2))));
        assertEquals(new JobHealth("RUNNING", false), JobHealth.of(job("RUNNING", Map.of("total", 0))),
                "a job without tasks is not running anything");
    }

    @Test
    void aRunningJobWithTasksOnTheirWayShowsTheLeastAdvancedOfThem() {
        assertEquals(new JobHealth("SCHEDULED", false),
                JobHealth.of(job("RUNNING", Map.of("total", 4, "running", 1, "scheduled", 2, "deploying", 1))));
        assertEquals(new JobHealth("INITIALIZING", false),
                JobHealth.of(job("RUNNING", Map.of("total", 4, "running", 3, "initializing", 1))));
        assertEquals(new JobHealth("FAILED", false),
                JobHealth.of(job("RUNNING", Map.of("total", 4, "running", 2, "failed", 1, "deploying", 1))),
                "a failed task is the news");
    }
}
