package lab.fault;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
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

    /** The flags it takes besides --json and --run, as "--flag" or "--flag VALUE", with what each does; none by default. */
    default Map<String, String> options() {
        return Map.of();
    }

    /** The words it takes as its one optional argument (e.g. which store); none by default. */
    default List<String> arguments() {
        return List.of();
    }

    /** Injects the fault into stack, narrating progress on out; throws LabException if it cannot. */
    FaultReport inject(Stack stack, PrintStream out, FaultOptions options);

    default FaultReport inject(Stack stack, PrintStream out) {
        return inject(stack, out, FaultOptions.NONE);
    }
}
