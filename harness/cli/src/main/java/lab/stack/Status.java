package lab.stack;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * One line of `lab status`.
 *
 * @param state running, unhealthy (process up, health check failing), dead (pid file left by a
 *              process that is gone), stopped, or unavailable (cannot run in this checkout)
 */
public record Status(
        String name,
        Long pid,
        String state,
        String endpoint,
        @JsonProperty("rss_mib") Long rssMib,
        String log) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static String json(List<Status> statuses) {
        try {
            return JSON.writeValueAsString(statuses);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String table(List<Status> statuses) {
        String format = "%-10s %-12s %8s %8s  %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "NAME", "STATE", "PID", "RSS_MIB", "ENDPOINT"));
        for (Status s : statuses) {
            out.append(String.format(format, s.name(), s.state(), s.pid() == null ? "-" : s.pid(),
                    s.rssMib() == null ? "-" : s.rssMib(), s.endpoint()));
        }
        return out.toString();
    }
}
