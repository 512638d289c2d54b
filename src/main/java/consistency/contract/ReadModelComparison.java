package consistency.contract;

import consistency.decision.WindowState;
import consistency.store.ReadModelWindow;
import consistency.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A read model's documents for a set of PostgreSQL windows, taken at one moment: what it holds (by result key),
 * when PostgreSQL committed the first version it lacks of each window it is behind on, or why it could not be read.
 */
public record ReadModelComparison(Store store, List<WindowState> current, Map<String, ReadModelWindow> held,
                                  Map<String, Instant> firstMissingCommit, String unreachable, Instant at) {

    public ReadModelWindow held(WindowState window) {
        return held.get(window.resultKey());
    }

    public ContractAnswer.Lag lag(WindowState window) {
        return ReadPolicy.lag(window, held(window), firstMissingCommit.get(window.resultKey()), at);
    }

    public ContractAnswer answer(ContractAnswer.Scope scope, WindowState window, ReadPolicy policy) {
        return policy.answer(scope, window, held(window), firstMissingCommit.get(window.resultKey()), unreachable, at);
    }
}
