package consistency.wire;

import java.time.Instant;

/**
 * A source heartbeat on {@code lab.events}, written by the generator to every partition: on this partition the
 * source's event-time clock has reached {@code eventTime}. It carries nothing about duplicates or lateness.
 */
public record ProgressMark(String runId, Instant eventTime) implements SourceRecord {
}
