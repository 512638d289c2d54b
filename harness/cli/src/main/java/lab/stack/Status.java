package lab.stack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * One line of `lab status`.
 *
 * @param state running, unhealthy (process up, health check failing), dead (pid file left by a
 *              process that is gone), stopped, or unavailable (cannot run in this checkout); a deployment
 *              (a job on a cluster) shows its own state instead, e.g. RUNNING or RESTARTING
 * @param jobId a deployment's id (shown in the PID column), null for processes
 */
public record Status(
        String name,
        Long pid,
        String state,
        String endpoint,
        @JsonProperty("rss_mib") Long rssMib,
        String log,
        @JsonProperty("job_id") @JsonInclude(JsonInclude.Include.NON_NULL) String jobId) {

    /** A process's line: no job id. */
    public Status(String name, Long pid, String state, String endpoint, Long rssMib, String log) {
        this(name, pid, state, endpoint, rssMib, log, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static String json(List<Status> statuses) {
        try {
            return JSON.writeValueAsString(statuses);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String table(List<Status> statuses) {
        String format = "%-17s %-12s %8s %8s  %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "NAME", "STATE", "PID", "RSS_MIB", "ENDPOINT"));
        for (Status s : statuses) {
            Object id = s.pid() != null ? s.pid() : s.jobId() != null ? s.jobId() : "-";
            out.append(String.format(format, s.name(), s.state(), id,
                    s.rssMib() == null ? "-" : s.rssMib(), s.endpoint()));
        }
        return out.toString();
    }
}
