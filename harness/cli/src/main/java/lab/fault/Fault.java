package lab.fault;

import java.io.PrintStream;
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

    /** Injects the fault into stack, narrating progress on out; throws LabException if it cannot. */
    FaultReport inject(Stack stack, PrintStream out);
}
