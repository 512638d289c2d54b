package lab.fault;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import lab.stack.Stack;

/**
 * A real failure the lab injects into a running stack (`./lab fault NAME`). Each fault checks its
 * preconditions before touching anything, injects the failure, waits until the stack has recovered
 * (or says it did not), and reports what it measured.
 */
public interface Fault {

    /** The name on the command line, e.g. processor-restart. */
    String name();

    /** One line for `./lab fault` and help. */
    String description();

    /** The flags it takes besides --json (e.g. --savepoint), with what each does; none by default. */
    default Map<String, String> options() {
        return Map.of();
    }

    /**
     * Injects the fault into stack, narrating progress on out; throws LabException if it cannot.
     * options holds only flags named by {@link #options()}.
     */
    FaultReport inject(Stack stack, PrintStream out, Set<String> options);

    default FaultReport inject(Stack stack, PrintStream out) {
        return inject(stack, out, Set.of());
    }
}
