package lab.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import lab.experiment.Experiment;
import lab.experiment.Repetitions;
import lab.load.CpuLoad;
import lab.stack.Stack;
import lab.stack.Status;

/**
 * `lab demo [--quick] [--url URL]`, the lab's main job: builds what is missing and starts the whole stack, runs
 * the decision table as an experiment (every row on real components, faults included), prints the observed table
 * beside the expected one and where the report is, and leaves the stack running for exploration. With a URL it
 * runs against a service elsewhere (Compose, kind): faults act on the lab's own processes, so only the rows
 * without faults run there. With a repeat count it runs the experiment that many times (same seeds) and checks the
 * repetitions agree; with load, a CPU burner keeps every core busy meanwhile.
 */
public final class Demo {

    private final Stack stack;
    private final PrintStream out;

    public Demo(Stack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    /** Against the local stack, started first; 0 when every row matches the expected table (and the repetitions agree). */
    public int run(boolean quick, int repeat, boolean load) {
        long begin = System.nanoTime();
        out.println("== starting the stack (building what is missing) ==");
        out.print(Status.table(stack.status(stack.up(List.of()))));
        String base = stack.component("app").endpoint();
        out.printf("%nFollow the runs live in the dashboard: %s/%n", base);
        boolean ok = experiment(new Experiment(stack, out, quick, base, false), base, repeat, load);
        out.printf("%nThe stack keeps running (./lab status); stop it with ./lab down%n");
        out.printf("demo (%s) took %.0f s%n", quick ? "quick" : "full", (System.nanoTime() - begin) / 1e9);
        return ok ? 0 : 1;
    }

    /** Against a service already running at base (port-forwarded from Kubernetes, or Docker Compose). */
    public int run(String base, boolean quick, int repeat, boolean load) {
        long begin = System.nanoTime();
        out.printf("Follow the runs live in the dashboard: %s/%n", base);
        boolean ok = experiment(new Experiment(stack, out, quick, base, true), base, repeat, load);
        out.printf("demo against %s (%s) took %.0f s%n", base, quick ? "quick" : "full", (System.nanoTime() - begin) / 1e9);
        return ok ? 0 : 1;
    }

    /** Runs it once, or repeat times; true when every row matched (and the repetitions agree). */
    private boolean experiment(Experiment experiment, String base, int repeat, boolean load) {
        try (CpuLoad burner = load ? CpuLoad.start(out) : null) {
            if (repeat == 1) {
                Experiment.Result result = experiment.run();
                explore(base, result.report());
                return result.allMatch();
            }
            Repetitions repetitions = experiment.repeat(repeat);
            explore(base, repetitions.report());
            out.printf("  repeated    %s%n", repetitions.report().resolve("repetitions.md"));
            return repetitions.ok();
        }
    }

    private void explore(String base, Path report) {
        out.printf("%n== explore ==%n");
        out.printf("  report      %s%n", report.resolve("report.html"));
        out.printf("  dashboard   %s/%n", base);
        out.printf("  runs        %s/api/runs%n", base);
        out.printf("  decisions   %s/api/decisions%n", base);
        out.printf("  confidence  %s/api/stream/confidence%n", base);
        out.printf("  API         %s/q/openapi%n", base);
    }
}
