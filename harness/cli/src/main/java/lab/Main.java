package lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.bench.CdcBench;
import lab.bench.DecisionBench;
import lab.check.NativeSources;
import lab.check.TestRun;
import lab.components.Components;
import lab.demo.Demo;
import lab.dev.DevMode;
import lab.experiment.SpecDocument;
import lab.fault.Fault;
import lab.fault.FaultOptions;
import lab.fault.InjectedFault;
import lab.fault.Faults;
import lab.service.ServiceApi;
import lab.stack.Component;
import lab.stack.Config;
import lab.stack.LabException;
import lab.stack.Stack;
import lab.stack.Status;

/** The ./lab command. */
public final class Main {

    static final String USAGE = """
            usage: ./lab COMMAND

              up [COMPONENT...]      start components (default: all available) with their dependencies
              down                   stop everything the lab started
              dev [COMPONENT...]     start the stack without app (default: every other component), then the
                                     service in Quarkus dev mode (live reload) on app's port; Ctrl-C ends it
              status [--json]        state, pid, memory and endpoint of each component
              fault NAME [ARGUMENT] [OPTION...] [--run RUN_ID] [--json]
                                     inject a real fault into the running stack and time the recovery;
                                     --run records it in that generator run's history
              demo [--quick] [--url URL] [--repeat N] [--load]
                                     build what is missing, start the stack, run the decision table as an
                                     experiment (every row, real faults), print observed vs expected and
                                     the report's path; the stack keeps running (--quick: shorter runs;
                                     --url: against a service elsewhere, only the rows without faults;
                                     --repeat: N times with the same seeds, each row per repetition and
                                     digests of the window verdicts, which must agree; --load: a CPU
                                     burner keeps every core busy meanwhile)
              bench decision [--results N]
                                     decision layer throughput beside a plain JDBC loop on the running
                                     PostgreSQL and Kafka (default N=5000; takes a minute or two)
              bench cdc [--rates R,R,...] [--seconds S]
                                     lag from PostgreSQL commit to applied in each read model, p50/p95/p99,
                                     at rising outbox change rates (default 250,500,1000,2000/s, 15 s each)
              test                   test the harness, then the service against a fresh separate test stack,
                                     then the quick experiment twice (the repetitions must agree)
              test --its IT,IT,... [--repeat N] [--load]
                                     only those service integration tests, N times on one fresh test stack
                                     (no retries; --load: with the CPU burner); per repetition pass/fail,
                                     the total, and a JSON line of the counts last
              check-native           build the service's native sources (no GraalVM needed) and check that
                                     every JSON type is registered for reflection (also part of test)
              spec                   rewrite the decision table of docs/consistency-spec.md from the
                                     experiment's cases (harness/cli/.../experiment/DecisionTable.java)
              help                   this text

            Components: postgres, kafka, mongodb, elasticsearch (the read models' stores),
                        cdc-mongodb, cdc-elasticsearch (Debezium Server, one per read model),
                        app (REST API, generator, decision layer, contract),
                        processor (the same jar as the Kafka-only Mode A processor),
                        jobmanager, taskmanager (a Flink cluster), flink-job (Mode B, submitted to it).
            Faults:
            %s
            State lives in $LAB_HOME (default .lab/).
            Ports: lab.properties, overridden by LAB_<KEY>_PORT, all shifted by LAB_PORT_OFFSET.
            """.formatted(Faults.list().stripTrailing());

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        if (args.length == 0) {
            System.err.print(USAGE);
            return 2;
        }
        List<String> rest = List.of(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "help", "-h", "--help" -> {
                    System.out.print(USAGE);
                    yield 0;
                }
                case "up" -> up(stack(env), rest);
                case "down" -> {
                    stack(env).down();
                    yield 0;
                }
                case "status" -> status(stack(env), rest);
                case "dev" -> new DevMode(stack(env)).run(rest);
                case "fault" -> fault(env, rest);
                case "bench" -> bench(stack(env), rest);
                case "demo" -> demo(env, rest);
                case "test" -> test(env, rest);
                case "check-native" -> checkNative(config(env));
                case "spec" -> spec(config(env), rest);
                default -> usageError("unknown command '" + args[0] + "'");
            };
        } catch (LabException e) {
            System.err.println("lab: " + e.getMessage());
            return 1;
        }
    }

    private static int up(Stack stack, List<String> names) {
        long begin = System.nanoTime();
        var plan = stack.up(names);
        System.out.printf("%nup in %.1f s%n%s", (System.nanoTime() - begin) / 1e9, Status.table(stack.status(plan)));
        for (Component c : plan) {
            if (c.webUi() != null) {
                System.out.printf("%s web UI: %s%n", c.name(), c.webUi());
            }
        }
        return 0;
    }

    private static int status(Stack stack, List<String> flags) {
        if (flags.equals(List.of("--json"))) {
            System.out.println(Status.json(stack.status()));
        } else if (flags.isEmpty()) {
            System.out.print(Status.table(stack.status()));
        } else {
            return usageError("status takes only --json");
        }
        return 0;
    }

    /**
     * fault NAME [ARGUMENT] [OPTION...] [--run RUN_ID] [--json]: the report as lines, and with --json also as one
     * JSON line (printed last); with --run the fault is also recorded in that run's history.
     */
    private static int fault(Map<String, String> env, List<String> args) {
        List<String> rest = new ArrayList<>(args);
        boolean json = rest.remove("--json");
        int run = rest.indexOf("--run");
        String runId = null;
        if (run >= 0) {
            if (run + 1 >= rest.size()) {
                return usageError("--run takes a run id");
            }
            runId = rest.remove(run + 1);
            rest.remove(run);
        }
        if (rest.isEmpty() || rest.getFirst().startsWith("-")) {
            return usageError("fault takes a fault name, its argument and options, optionally --run RUN_ID and --json;"
                    + " faults:\n" + Faults.list().stripTrailing());
        }
        Fault fault = Faults.named(rest.getFirst());
        FaultOptions options;
        try {
            options = FaultOptions.parse(fault, rest.subList(1, rest.size()));
        } catch (LabException e) {
            return usageError(e.getMessage());
        }
        Stack stack = stack(env);
        ServiceApi service = runId == null ? null : new ServiceApi(stack.component("app").endpoint());
        if (service != null) {
            service.requireRun(runId);
        }
        InjectedFault injected = InjectedFault.inject(fault, stack, System.out, options);
        System.out.printf("%n%s", injected.report().text());
        if (service != null) {
            service.recordFault(runId, injected);
            System.out.printf("recorded in the history of run %s: %s/api/runs/%s/faults%n", runId, service.base(), runId);
        }
        if (json) {
            System.out.println(injected.report().json());
        }
        return 0;
    }

    /** demo [--quick] [--url URL] [--repeat N] [--load] */
    private static int demo(Map<String, String> env, List<String> args) {
        boolean quick = false;
        String url = null;
        int repeat = 1;
        boolean load = false;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--quick")) {
                quick = true;
            } else if (args.get(i).equals("--url") && i + 1 < args.size()) {
                url = args.get(++i).replaceAll("/+$", "");
            } else if (args.get(i).equals("--repeat") && i + 1 < args.size() && count(args.get(i + 1)) > 0) {
                repeat = count(args.get(++i));
            } else if (args.get(i).equals("--load")) {
                load = true;
            } else {
                return usageError("demo takes only --quick, --url URL, --repeat N (N >= 1) and --load");
            }
        }
        Demo demo = new Demo(stack(env), System.out);
        return url == null ? demo.run(quick, repeat, load) : demo.run(url, quick, repeat, load);
    }

    /**
     * test | test --its IT,IT,... [--repeat N] [--load]: the whole test, or just those service integration tests N
     * times on one test stack.
     */
    private static int test(Map<String, String> env, List<String> args) {
        if (args.isEmpty()) {
            return new TestRun(config(env), System.out).run();
        }
        List<String> its = null;
        int repeat = 1;
        boolean load = false;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--its") && i + 1 < args.size() && args.get(i + 1).matches("\\w+(,\\w+)*")) {
                its = List.of(args.get(++i).split(","));
            } else if (args.get(i).equals("--repeat") && i + 1 < args.size() && count(args.get(i + 1)) > 0) {
                repeat = count(args.get(++i));
            } else if (args.get(i).equals("--load")) {
                load = true;
            } else {
                return usageError("test takes nothing, or --its IT,IT,... with --repeat N (N >= 1) and --load");
            }
        }
        if (its == null) {
            return usageError("test --repeat and --load go with --its IT,IT,...");
        }
        return new TestRun(config(env), System.out).soak(its, repeat, load);
    }

    /** A repeat count, or 0 when it is none. */
    private static int count(String value) {
        return value.matches("\\d{1,6}") ? Integer.parseInt(value) : 0;
    }

    /** bench decision [--results N] | bench cdc [--rates R,R,...] [--seconds S] */
    private static int bench(Stack stack, List<String> args) {
        if (args.isEmpty() || !List.of("decision", "cdc").contains(args.getFirst())) {
            return usageError("bench takes a benchmark name: decision or cdc");
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = args.subList(1, args.size());
        for (int i = 0; i < rest.size(); i += 2) {
            if (i + 1 >= rest.size() || !rest.get(i).startsWith("--")) {
                return usageError("bench " + args.getFirst() + ": options come as --name value, got " + rest);
            }
            options.put(rest.get(i), rest.get(i + 1));
        }
        try {
            if (args.getFirst().equals("decision")) {
                if (!Set.of("--results").containsAll(options.keySet())) {
                    return usageError("bench decision takes only --results N");
                }
                return new DecisionBench(stack, System.out)
                        .run(Integer.parseInt(options.getOrDefault("--results", "" + DecisionBench.DEFAULT_RESULTS)));
            }
            if (!Set.of("--rates", "--seconds").containsAll(options.keySet())) {
                return usageError("bench cdc takes only --rates R,R,... and --seconds S");
            }
            List<Integer> rates = options.containsKey("--rates")
                    ? Arrays.stream(options.get("--rates").split(",")).map(r -> Integer.parseInt(r.trim())).toList()
                    : CdcBench.DEFAULT_RATES;
            int seconds = Integer.parseInt(options.getOrDefault("--seconds", "" + CdcBench.DEFAULT_SECONDS));
            return new CdcBench(stack, System.out).run(rates, seconds);
        } catch (NumberFormatException e) {
            return usageError("bench " + args.getFirst() + ": not a number: " + e.getMessage());
        }
    }

    private static int spec(Config config, List<String> args) {
        if (!args.isEmpty()) {
            return usageError("spec takes no arguments");
        }
        boolean changed = SpecDocument.write(config.root());
        System.out.printf("%s: decision table %s%n", SpecDocument.PATH, changed ? "rewritten" : "already current");
        return 0;
    }

    private static int checkNative(Config config) {
        try {
            return new NativeSources(config.root(), System.out).buildAndCheck() ? 0 : 1;
        } catch (IOException e) {
            throw new LabException("native sources: " + e.getMessage(), e);
        }
    }

    private static int usageError(String message) {
        System.err.println("lab: " + message);
        System.err.print(USAGE);
        return 2;
    }

    private static Config config(Map<String, String> env) {
        return Config.load(Path.of(System.getProperty("lab.root", ".")), env);
    }

    private static Stack stack(Map<String, String> env) {
        Config config = config(env);
        return new Stack(config, Components.all(config), System.out);
    }
}
