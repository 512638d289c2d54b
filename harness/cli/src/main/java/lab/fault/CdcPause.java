package lab.fault;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.stack.Component;
import lab.stack.Daemon;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;

/**
 * CDC connector paused, then resumed (docs/consistency-spec.md §9): the Debezium Server feeding one read model, or both, is frozen
 * (SIGSTOP) for a duration and thawed (SIGCONT). PostgreSQL keeps deciding; the read models fall behind and then
 * catch up from the replication slot. Measures paused_ms.
 */
final class CdcPause implements Fault {

    static final String FOR = "--for";
    static final Duration DEFAULT_PAUSE = Duration.ofSeconds(10);
    private static final Map<String, List<String>> TARGETS = Map.of(
            "mongodb", List.of("cdc-mongodb"),
            "elasticsearch", List.of("cdc-elasticsearch"),
            "both", List.of("cdc-mongodb", "cdc-elasticsearch"));
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    @Override
    public String name() {
        return "cdc-pause";
    }

    @Override
    public String description() {
        return "SIGSTOP the Debezium Server of mongodb, elasticsearch or both (default) for a while, then SIGCONT";
    }

    @Override
    public List<String> arguments() {
        return List.of("mongodb", "elasticsearch", "both");
    }

    @Override
    public Map<String, String> options() {
        return Map.of(FOR + " DURATION", "how long to pause, e.g. 500ms, 10s, 1m (default " + DEFAULT_PAUSE.toSeconds() + "s)");
    }

    @Override
    public FaultReport inject(Stack stack, PrintStream out, FaultOptions options) {
        String target = options.argument() == null ? "both" : options.argument();
        Duration pause = options.has(FOR) ? duration(options.value(FOR)) : DEFAULT_PAUSE;
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String name : TARGETS.get(target)) {
            Component c = stack.component(name);
            Daemon daemon = stack.daemon(c);
            if (daemon.state() != Daemon.State.RUNNING) {
                throw new LabException(name() + ": " + name + " is not running; start it with ./lab up " + name);
            }
            pids.put(name, daemon.recordedPid().getAsLong());
        }
        out.printf("%s: SIGSTOP %s for %d ms%n", name(), pids, pause.toMillis());
        Instant pausedAt = Instant.now();
        long begin = System.nanoTime();
        try (Freeze freeze = new Freeze(name())) {
            for (long pid : pids.values()) {
                freeze.stop(pid);
            }
            Sleep.millis(pause.toMillis());
        }
        long pausedMs = (System.nanoTime() - begin) / 1_000_000;
        out.printf("%s: SIGCONT after %d ms%n", name(), pausedMs);
        return FaultReport.of(name())
                .put("target", target)
                .put("pids", pids)
                .put("paused_at", pausedAt.truncatedTo(ChronoUnit.MILLIS).toString())
                .put("paused_ms", pausedMs)
                .build();
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new LabException("cdc-pause: " + FOR + " takes a duration like 500ms, 10s or 1m, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
