package consistency.store;

import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.Map;

/** A CDC-fed read model, read by document id ({@link consistency.decision.WindowState#resultKey()}). */
public interface ReadModel {

    Store store();

    /** The documents it holds among {@code ids}, by id; ids it does not hold are absent. Fails when unreachable. */
    Uni<Map<String, ReadModelWindow>> windows(Collection<String> ids);
}
