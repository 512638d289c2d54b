package lab.fault;

import java.io.PrintStream;
import java.time.Instant;
import lab.stack.Stack;

/**
 * A fault as a run's history keeps it: which, on what (the argument it was given, or null), from the moment it
 * was asked for until the stack had recovered, and what it measured.
 */
public record InjectedFault(String fault, String target, Instant startedAt, Instant endedAt, FaultReport report) {

    /** Injects fault and times it. */
    public static InjectedFault inject(Fault fault, Stack stack, PrintStream out, FaultOptions options) {
        Instant started = Instant.now();
        FaultReport report = fault.inject(stack, out, options);
        return new InjectedFault(fault.name(), options.argument(), started, Instant.now(), report);
    }

    public InjectedFault withReport(FaultReport other) {
        return new InjectedFault(fault, target, startedAt, endedAt, other);
    }
}
