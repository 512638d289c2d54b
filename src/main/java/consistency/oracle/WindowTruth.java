package consistency.oracle;

import java.time.Instant;

/** The exact result a correct processor must reach for one window of one key. */
public record WindowTruth(String businessKey, Instant windowStart, Instant windowEnd, long expectedValue, int expectedCount) {
}
