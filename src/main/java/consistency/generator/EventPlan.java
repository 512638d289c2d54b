package consistency.generator;

import java.time.Instant;
import java.util.List;

/** Everything a run will send, in order, with the injections it contains. */
public record EventPlan(String runId, Instant baseEventTime, List<Emission> emissions) {

    public Instant lastEventTime() {
        return emissions.stream().map(e -> e.event().eventTime()).max(Instant::compareTo).orElse(baseEventTime);
    }

    public Counts counts() {
        int originals = 0;
        int duplicates = 0;
        int replays = 0;
        int late = 0;
        int outOfOrder = 0;
        for (Emission e : emissions) {
            switch (e.kind()) {
                case ORIGINAL -> originals++;
                case DUPLICATE -> duplicates++;
                case REPLAY -> replays++;
            }
            if (e.late()) {
                late++;
            }
            if (e.outOfOrder()) {
                outOfOrder++;
            }
        }
        return new Counts(emissions.size(), originals, duplicates, replays, late, outOfOrder);
    }

    public record Counts(int total, int originals, int duplicates, int replays, int late, int outOfOrder) {
    }
}
