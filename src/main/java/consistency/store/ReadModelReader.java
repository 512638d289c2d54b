package consistency.store;

import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.Map;

/** Reads a CDC-fed read model by document id ({@link consistency.decision.WindowState#resultKey()}); CDC alone writes it. */
public interface ReadModelReader {

    Store store();

    /** The documents it holds among {@code ids}, by id; ids it does not hold are absent. Fails when unreachable. */
    Uni<Map<String, ReadModelWindow>> windows(Collection<String> ids);
}
