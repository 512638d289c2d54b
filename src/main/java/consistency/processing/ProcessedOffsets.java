package consistency.processing;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which offsets of each partition may be committed. A record is <i>received</i> when processing starts and
 * <i>processed</i> when it is done (an event applied to the in-memory windows, a malformed or failing record
 * stored on the dead-letter topic). The commit position of a partition is the lowest offset still in flight, or one past the
 * highest processed offset when nothing is in flight, so a commit never skips a record that is not done.
 * Thread-safe.
 */
public final class ProcessedOffsets {

    private static final class Partition {
        final TreeSet<Long> inFlight = new TreeSet<>();
        long highestProcessed = -1;
        long committed = -1;

        long position() {
            return inFlight.isEmpty() ? highestProcessed + 1 : inFlight.first();
        }
    }

    private final Map<Integer, Partition> partitions = new HashMap<>();

    public synchronized void received(int partition, long offset) {
        partitions.computeIfAbsent(partition, p -> new Partition()).inFlight.add(offset);
    }

    public synchronized void processed(int partition, long offset) {
        Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
        state.inFlight.remove(offset);
        state.highestProcessed = Math.max(state.highestProcessed, offset);
    }

    /** Next offset to read, per partition whose position moved past its last commit. */
    public synchronized Map<Integer, Long> toCommit() {
        Map<Integer, Long> positions = new TreeMap<>();
        partitions.forEach((partition, state) -> {
            long position = state.position();
            if (state.highestProcessed >= 0 && position > state.committed) {
                positions.put(partition, position);
            }
        });
        return positions;
    }

    /** Records a successful commit of positions returned by {@link #toCommit()}. */
    public synchronized void committed(Map<Integer, Long> positions) {
        positions.forEach((partition, position) -> {
            Partition state = partitions.get(partition);
            if (state != null) {
                state.committed = Math.max(state.committed, position);
            }
        });
    }
}
