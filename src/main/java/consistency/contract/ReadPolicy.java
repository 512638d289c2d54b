package consistency.contract;

import consistency.decision.WindowState;
import consistency.store.ReadModelWindow;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a read model may serve a window (docs/consistency-spec.md §8.3), given PostgreSQL's current state of it: the read model
 * serves unless it cannot (unreachable, window not there yet) or the client's bounds exclude it — then
 * PostgreSQL serves, and the answer says why.
 *
 * @param maxStalenessMs bounded staleness: the read model's value may have been superseded for at most this long
 * @param minVersion     read-your-writes: the read model must hold at least this version of the window
 */
public record ReadPolicy(Long maxStalenessMs, Long minVersion) {

    /**
     * @param current           PostgreSQL's state of the window
     * @param held              the read model's document of it, null when it has none
     * @param firstMissingCommit when PostgreSQL committed the first version the read model lacks (null if none)
     * @param unreachable       why the read model could not be asked, or null
     */
    public ContractAnswer answer(ContractAnswer.Scope scope, WindowState current, ReadModelWindow held,
                                 Instant firstMissingCommit, String unreachable, Instant now) {
        String store = scope.store().name();
        if (unreachable != null) {
            return ContractAnswer.fromPostgres(current, store + " is unreachable (" + unreachable + ")");
        }
        if (held == null) {
            return ContractAnswer.fromPostgres(current, store + " does not hold this window yet");
        }
        ContractAnswer.Lag lag = lag(current, held, firstMissingCommit, now);
        if (minVersion != null && held.state().version() < minVersion) {
            return ContractAnswer.fromPostgres(current, store + " holds version " + held.state().version()
                    + ", older than minVersion " + minVersion);
        }
        if (maxStalenessMs != null && lag.ms() > maxStalenessMs) {
            return ContractAnswer.fromPostgres(current, store + " is " + lag.versionsBehind() + " version(s) and "
                    + lag.ms() + " ms behind PostgreSQL, more than maxStalenessMs " + maxStalenessMs);
        }
        return ContractAnswer.fromReadModel(scope, held, lag);
    }

    /** Versions behind, and milliseconds since the first version the read model lacks was committed. */
    static ContractAnswer.Lag lag(WindowState current, ReadModelWindow held, Instant firstMissingCommit, Instant now) {
        long behind = Math.max(0, current.version() - (held == null ? 0 : held.state().version()));
        if (behind == 0 || firstMissingCommit == null) {
            return new ContractAnswer.Lag(behind, 0);
        }
        return new ContractAnswer.Lag(behind, Math.max(0, Duration.between(firstMissingCommit, now).toMillis()));
    }
}
