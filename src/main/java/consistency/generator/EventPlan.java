package consistency.generator;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run will send, in order, with the injections it contains, and the progress marks that go between
 * the events (see {@link EventGenerator}).
 */
public record EventPlan(String runId, Instant baseEventTime, List<Emission> emissions, List<Progress> progress) {

    /**
     * A progress mark, sent to every partition before the emission at {@code beforeEmission}; the last one, the
     * closing mark, has {@code beforeEmission == emissions().size()} and goes after every event.
     *
     * @param reached the source's event-time clock: nothing sent afterwards was delivered before it
     */
    public record Progress(int beforeEmission, Instant reached) {
    }

    /** The closing mark's time: the run's windows all end before it, and the next run starts no earlier. */
    public Instant closingTime() {
        return progress.getLast().reached();
    }

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
