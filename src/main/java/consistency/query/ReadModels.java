package consistency.query;

import consistency.decision.WindowState;
import consistency.store.OutboxLog;
import consistency.store.ReadModel;
import consistency.store.ReadModelWindow;
import consistency.store.Store;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compares the CDC read models with PostgreSQL's current windows: the basis of every EVENTUAL/SEARCH answer and lag figure. */
@ApplicationScoped
public class ReadModels {

    private final Map<Store, ReadModel> byStore = new EnumMap<>(Store.class);
    private final OutboxLog outbox;

    public ReadModels(Instance<ReadModel> readModels, OutboxLog outbox) {
        readModels.forEach(r -> byStore.put(r.store(), r));
        this.outbox = outbox;
    }

    /** The read models, in store order. */
    public List<Store> stores() {
        return List.copyOf(byStore.keySet());
    }

    /** Reads the store's documents of these windows; an unreachable store gives a comparison that says so. */
    public Uni<ReadModelComparison> compare(Store store, List<WindowState> current) {
        ReadModel readModel = byStore.get(store);
        List<String> ids = current.stream().map(WindowState::resultKey).toList();
        return readModel.windows(ids).onItemOrFailure().transformToUni((held, failure) -> failure != null
                ? Uni.createFrom().item(new ReadModelComparison(store, current, Map.of(), Map.of(), describe(failure),
                        Instant.now()))
                : outbox.firstCommitAfter(behind(current, held))
                        .map(first -> new ReadModelComparison(store, current, held, first, null, Instant.now())));
    }

    /** Version held (0 for none) of each window the store is behind on. */
    private static Map<String, Long> behind(List<WindowState> current, Map<String, ReadModelWindow> held) {
        Map<String, Long> behind = new HashMap<>();
        for (WindowState w : current) {
            ReadModelWindow h = held.get(w.resultKey());
            long version = h == null ? 0 : h.state().version();
            if (version < w.version()) {
                behind.put(w.resultKey(), version);
            }
        }
        return behind;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
