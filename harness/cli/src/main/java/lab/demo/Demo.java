package lab.demo;

import java.io.PrintStream;
import java.util.List;
import lab.experiment.Experiment;
import lab.stack.Component;
import lab.stack.LabException;
import lab.stack.Stack;
import lab.stack.Status;

/**
 * `lab demo [--quick]`, the lab's main job: builds what is missing and starts the whole stack, runs the decision
 * table as an experiment (every row on real components, faults included), prints the observed table beside the
 * expected one and where the report is, and leaves the stack running for exploration.
 */
public final class Demo {

    private final Stack stack;
    private final PrintStream out;

    public Demo(Stack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    /** 0 when every row that ran matches the expected table. */
    public int run(boolean quick) {
        long begin = System.nanoTime();
        for (String needed : List.of("app", "processor", "flink-job")) {
            Component c = stack.component(needed);
            if (c.unavailableReason() != null) {
                throw new LabException("the demo needs " + needed + ": " + c.unavailableReason());
            }
        }
        out.println("== starting the stack (building what is missing) ==");
        out.print(Status.table(stack.status(stack.up(List.of()))));
        Experiment.Result result = new Experiment(stack, out, quick).run();
        String base = stack.component("app").endpoint();
        out.printf("%n== explore ==%n");
        out.printf("  report      %s%n", result.report().resolve("report.html"));
        out.printf("  runs        %s/api/runs%n", base);
        out.printf("  decisions   %s/api/decisions%n", base);
        out.printf("  confidence  %s/api/stream/confidence%n", base);
        out.printf("  API         %s/q/openapi%n", base);
        out.printf("%nThe stack keeps running (./lab status); stop it with ./lab down%n");
        out.printf("demo (%s) took %.0f s%n", quick ? "quick" : "full", (System.nanoTime() - begin) / 1e9);
        return result.allMatch() ? 0 : 1;
    }
}
