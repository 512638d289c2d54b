package lab.demo;

import java.io.PrintStream;
import java.util.List;
import lab.experiment.Experiment;
import lab.stack.Component;
import lab.stack.LabException;
import lab.stack.Stack;
import lab.stack.Status;

/**
 * `lab demo [--quick] [--url URL]`, the lab's main job: builds what is missing and starts the whole stack, runs
 * the decision table as an experiment (every row on real components, faults included), prints the observed table
 * beside the expected one and where the report is, and leaves the stack running for exploration. With a URL it
 * runs against a service elsewhere (Compose, kind): faults act on the lab's own processes, so only the rows
 * without faults run there.
 */
public final class Demo {

    private final Stack stack;
    private final PrintStream out;

    public Demo(Stack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    /** Against the local stack, started first; 0 when every row matches the expected table. */
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
        String base = stack.component("app").endpoint();
        out.printf("%nFollow the runs live in the dashboard: %s/%n", base);
        Experiment.Result result = new Experiment(stack, out, quick, base, false).run();
        explore(base, result);
        out.printf("%nThe stack keeps running (./lab status); stop it with ./lab down%n");
        out.printf("demo (%s) took %.0f s%n", quick ? "quick" : "full", (System.nanoTime() - begin) / 1e9);
        return result.allMatch() ? 0 : 1;
    }

    /** Against a service already running at base (port-forwarded from Kubernetes, or Docker Compose). */
    public int run(String base, boolean quick) {
        long begin = System.nanoTime();
        out.printf("Follow the runs live in the dashboard: %s/%n", base);
        Experiment.Result result = new Experiment(stack, out, quick, base, true).run();
        explore(base, result);
        out.printf("demo against %s (%s) took %.0f s%n", base, quick ? "quick" : "full", (System.nanoTime() - begin) / 1e9);
        return result.allMatch() ? 0 : 1;
    }

    private void explore(String base, Experiment.Result result) {
        out.printf("%n== explore ==%n");
        out.printf("  report      %s%n", result.report().resolve("report.html"));
        out.printf("  dashboard   %s/%n", base);
        out.printf("  runs        %s/api/runs%n", base);
        out.printf("  decisions   %s/api/decisions%n", base);
        out.printf("  confidence  %s/api/stream/confidence%n", base);
        out.printf("  API         %s/q/openapi%n", base);
    }
}
