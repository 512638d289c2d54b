package lab.fault;

/**
 * Kafka-only consumer restart (SPEC §10): the Mode A processor crashes and comes back. Its in-memory state
 * (dedup cache, open windows) is lost and it resumes from the last committed offset of lab.events, while the
 * decision layer keeps running.
 */
final class ProcessorRestart extends KillAndRestart {
    ProcessorRestart() {
        super("processor-restart", "processor",
                "kill -9 the Mode A processor, start it again, time until healthy");
    }
}
