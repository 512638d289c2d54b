package consistency.contract;

import consistency.decision.WindowState;
import consistency.outbox.OutboxReader;
import consistency.store.ReadModelReader;
import consistency.store.ReadModelWindow;
import consistency.store.Store;
import io.smallrye.mutiny.Multi;
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

    private final Map<Store, ReadModelReader> byStore = new EnumMap<>(Store.class);
    private final OutboxReader outbox;

    public ReadModels(Instance<ReadModelReader> readModels, OutboxReader outbox) {
        readModels.forEach(r -> byStore.put(r.store(), r));
        this.outbox = outbox;
    }

    /** The read models, in store order. */
    public List<Store> stores() {
        return List.copyOf(byStore.keySet());
    }

    /** What a read model holds of some windows (by result key), or why it could not be read. */
    public record Held(Store store, Map<String, ReadModelWindow> documents, String unreachable) {
    }

    /** Reads the store's documents of these windows; an unreachable store gives a {@link Held} that says so. */
    public Uni<Held> read(Store store, List<WindowState> current) {
        List<String> ids = current.stream().map(WindowState::resultKey).toList();
        return byStore.get(store).windows(ids).onItemOrFailure().transform((held, failure) -> failure != null
                ? new Held(store, Map.of(), describe(failure))
                : new Held(store, held, null));
    }

    /** {@link #read} of every read model, in store order. */
    public Uni<List<Held>> readAll(List<WindowState> current) {
        return Multi.createFrom().iterable(stores()).onItem()
                .transformToUniAndConcatenate(store -> read(store, current)).collect().asList();
    }

    /** Adds to what a store holds when PostgreSQL committed the first version it lacks of each window. */
    public Uni<ReadModelComparison> compare(Held held, List<WindowState> current) {
        Uni<Map<String, Instant>> firstMissing = held.unreachable() != null ? Uni.createFrom().item(Map.of())
                : outbox.firstCommitAfter(behind(current, held.documents()));
        return firstMissing.map(first -> new ReadModelComparison(held.store(), current, held.documents(), first,
                held.unreachable(), Instant.now()));
    }

    public Uni<ReadModelComparison> compare(Store store, List<WindowState> current) {
        return read(store, current).chain(held -> compare(held, current));
    }

    /** {@link #compare} of every read model, in store order. */
    public Uni<List<ReadModelComparison>> compareAll(List<WindowState> current) {
        return readAll(current).chain(all -> Multi.createFrom().iterable(all).onItem()
                .transformToUniAndConcatenate(held -> compare(held, current)).collect().asList());
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
