package lab.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lab.components.Kafka;
import lab.kafka.Tap;
import lab.kafka.Topics;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka-only consumer restart: the Mode A processor crashes and comes back. Its in-memory state (dedup cache, open
 * windows) is lost and it resumes from the last committed offset of lab.events, while the decision layer keeps
 * running.
 *
 * <p>With {@value #REEMIT} the kill comes only once its damage is certain, checked on a frozen process (SIGSTOP, so
 * no offset commit can move in between): a window whose result is already on lab.results has some of its events at
 * or after the group's committed offset, which the restart reads again, and not all of them. The restarted
 * processor rebuilds that window from what it reads again and emits it a second time, short of the events before
 * the commit: a re-emission with a wrong value. The window and the counts are the evidence.
 */
final class ProcessorRestart extends KillAndRestart {

    static final String REEMIT = "--reemit";
    static final String EVENTS = "lab.events";
    static final String RESULTS = "lab.results";
    private static final Duration REEMIT_WAIT = Duration.ofSeconds(90);
    /** The least the processor runs between two checks: it must get on with the run meanwhile. */
    private static final Duration BETWEEN_CHECKS = Duration.ofMillis(500);

    ProcessorRestart() {
        super("processor-restart", "processor",
                "kill -9 the Mode A processor, start it again, time until healthy");
    }

    @Override
    public Map<String, String> options() {
        return Map.of(REEMIT, "kill only when the restart must emit a window again with part of its events: an emitted"
                + " window has events both before and after the committed offset (group: processor.consumer-group)");
    }

    @Override
    public FaultReport inject(Stack stack, PrintStream out, FaultOptions options) {
        if (!options.has(REEMIT)) {
            return super.inject(stack, out, options);
        }
        long pid = stack.daemon(stack.component("processor")).recordedPid()
                .orElseThrow(() -> new LabException(name() + ": processor is not running; start it with ./lab up processor"));
        // Closed after the kill: the SIGCONT then reaches no one, but an interrupted or failed restart thaws it.
        try (Freeze freeze = new Freeze(name())) {
            String evidence = awaitCertainReemission(stack, pid, freeze);
            out.printf("%s: processor frozen (pid %d) with a re-emission certain: %s%n", name(), pid, evidence);
            return super.inject(stack, out, options).with("precondition", evidence);
        }
    }

    /** Returns with the processor frozen and the evidence; thaws it after every check that finds none. */
    private String awaitCertainReemission(Stack stack, long pid, Freeze freeze) {
        Kafka kafka = (Kafka) stack.component("kafka");
        String group = stack.config().property("processor.consumer-group");
        long deadline = System.nanoTime() + REEMIT_WAIT.toNanos();
        try (Topics topics = new Topics(kafka.endpoint());
             // Only results from now on: a window the restart cuts was emitted after the last commit, and commits
             // come every few seconds, so the next one brings such windows; reading the whole topic would not.
             Tap results = new Tap(kafka.endpoint(), topics.ends(RESULTS), false);
             Tap events = new Tap(kafka.endpoint(), fromStart(topics.partitions(EVENTS)), false)) {
            Map<String, List<JsonNode>> emitted = new HashMap<>();
            while (System.nanoTime() < deadline) {
                long begin = System.nanoTime();
                freeze.stop(pid);
                Optional<String> evidence = Optional.empty();
                try {
                    for (Tap.Record r : results.drain()) {
                        if ("KAFKA_ONLY".equals(r.value().path("processing_engine").asText())) {
                            emitted.computeIfAbsent(r.value().path("business_key").asText(), k -> new ArrayList<>()).add(r.value());
                        }
                    }
                    evidence = rereadInEmittedWindow(events, topics, group, emitted);
                } finally {
                    if (evidence.isEmpty()) {
                        freeze.close();
                    }
                }
                if (evidence.isPresent()) {
                    return evidence.get();
                }
                // Thawed at least as long as the check kept it frozen: under load checks slow down, the run must not.
                Sleep.millis(Math.max(BETWEEN_CHECKS.toMillis(), (System.nanoTime() - begin) / 1_000_000));
            }
        }
        throw new LabException(name() + ": within " + REEMIT_WAIT.toSeconds() + " s no event the processor would read"
                + " again belonged to a window it had emitted; is it consuming a run?");
    }

    /**
     * An emitted window (its latest result) that the restart reads again in part: some but not all of its distinct
     * events lie at or after the group's committed offset.
     */
    private static Optional<String> rereadInEmittedWindow(Tap events, Topics topics, String group,
                                                          Map<String, List<JsonNode>> emitted) {
        Map<TopicPartition, Long> from = fromStart(topics.partitions(EVENTS));
        from.putAll(topics.committed(group, EVENTS));
        Map<JsonNode, Set<String>> reread = new HashMap<>();
        events.seek(from);
        for (Tap.Record r : events.drain()) {
            JsonNode event = r.value();
            if (event.has("event_id")) { // not a progress mark
                latestContaining(emitted, event).ifPresent(result ->
                        reread.computeIfAbsent(result, w -> new HashSet<>()).add(event.path("event_id").asText()));
            }
        }
        return reread.entrySet().stream()
                .filter(w -> w.getValue().size() < w.getKey().path("event_count").asInt())
                .findFirst()
                .map(w -> "window [%s, %s) of %s was emitted as revision %d from %d events; the restart reads %d of them again (committed offsets %s)"
                        .formatted(w.getKey().path("window_start").asText(), w.getKey().path("window_end").asText(),
                                w.getKey().path("business_key").asText(), w.getKey().path("revision").asInt(),
                                w.getKey().path("event_count").asInt(), w.getValue().size(), Topics.byPartition(from)));
    }

    /** The highest revision emitted for the window holding {@code event}, if any. */
    private static Optional<JsonNode> latestContaining(Map<String, List<JsonNode>> emitted, JsonNode event) {
        Instant time = Instant.parse(event.path("event_time").asText());
        return emitted.getOrDefault(event.path("business_key").asText(), List.of()).stream()
                .filter(r -> !time.isBefore(Instant.parse(r.path("window_start").asText()))
                        && time.isBefore(Instant.parse(r.path("window_end").asText())))
                .max(Comparator.comparingInt(r -> r.path("revision").asInt()));
    }


    private static Map<TopicPartition, Long> fromStart(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> from = new HashMap<>();
        partitions.forEach(p -> from.put(p, 0L));
        return from;
    }
}
