package lab.stack;

import java.time.Duration;
import java.util.List;

/**
 * Something the lab keeps running inside other components instead of as a process of its own, such as a job
 * on a cluster. It has no pid, ports or command line: `up` deploys it unless it is there already, `down` ends
 * it by stopping what hosts it, and `status` shows the state it reports about itself.
 */
public abstract class Deployment extends Component {

    /**
     * What a deployment reports about itself.
     *
     * @param state   its own word for where it is (e.g. RUNNING, RESTARTING), or stopped when there is none
     * @param id      its identity while it exists (e.g. a job id), else null
     * @param healthy running as intended
     */
    public record Observed(String state, String id, String endpoint, boolean healthy) {
    }

    protected Deployment(Config config, String name) {
        super(config, name);
    }

    @Override
    public final List<Integer> ports() {
        return List.of();
    }

    @Override
    public final List<String> command() {
        throw new UnsupportedOperationException(name() + " is not a process of its own");
    }

    /** Where it is now; never throws (an unreachable host reads as stopped). */
    public abstract Observed observe();

    /**
     * Deploys it unless it exists already in a state on its way to running (idempotent); builds what it needs
     * first. Returns what it did, for `up` to print, or null when it was there already.
     */
    public abstract String deploy() throws Exception;

    /** Why it is not healthy: shown when it does not become healthy in time. */
    public String diagnosis() {
        return "its state is " + observe().state();
    }

    @Override
    public boolean accepting() {
        return healthy();
    }

    @Override
    public boolean healthy() {
        return observe().healthy();
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(180);
    }
}
