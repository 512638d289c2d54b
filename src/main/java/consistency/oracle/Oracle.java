package consistency.oracle;

import consistency.wire.LabEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ground truth of the computation: per key, tumbling event-time windows aligned to the epoch, summing
 * the amounts of distinct event ids. Whatever order or how often events arrive, the answer is the same.
 */
public final class Oracle {

    private Oracle() {
    }

    public static Instant windowStart(Instant eventTime, long windowSizeMs) {
        return Instant.ofEpochMilli(Math.floorDiv(eventTime.toEpochMilli(), windowSizeMs) * windowSizeMs);
    }

    public static List<WindowTruth> windows(Iterable<LabEvent> events, long windowSizeMs) {
        record Window(String key, Instant start) {
        }
        Set<String> seen = new HashSet<>();
        Map<Window, long[]> sums = new LinkedHashMap<>();
        for (LabEvent e : events) {
            if (seen.add(e.eventId())) {
                long[] sum = sums.computeIfAbsent(new Window(e.businessKey(), windowStart(e.eventTime(), windowSizeMs)),
                        w -> new long[2]);
                sum[0] += e.amount();
                sum[1]++;
            }
        }
        List<WindowTruth> truths = new ArrayList<>(sums.size());
        sums.forEach((w, sum) -> truths.add(
                new WindowTruth(w.key(), w.start(), w.start().plusMillis(windowSizeMs), sum[0], (int) sum[1])));
        truths.sort(Comparator.comparing(WindowTruth::businessKey).thenComparing(WindowTruth::windowStart));
        return truths;
    }
}
