package lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The ./lab command: one subcommand per verb; usage errors exit with 2, failures (LabException) with 1. */
@Command(name = "./lab", synopsisSubcommandLabel = "COMMAND",
        subcommands = {CommandLine.HelpCommand.class, Main.UpCommand.class, Main.DownCommand.class, Main.DevCommand.class,
                Main.StatusCommand.class, Main.FaultCommand.class, Main.DemoCommand.class, Main.BenchCommand.class,
                Main.TestCommand.class, Main.CheckNativeCommand.class, Main.SpecCommand.class})
public final class Main implements Callable<Integer> {

    private static final String COMPONENTS = """

            Components: postgres, kafka, mongodb, elasticsearch (the read models' stores),
                        cdc-mongodb, cdc-elasticsearch (Debezium Server, one per read model),
                        app (REST API, generator, decision layer, contract),
                        processor (the same jar as the Kafka-only Mode A processor),
                        jobmanager, taskmanager (a Flink cluster), flink-job (Mode B, submitted to it).
            """;
    private static final String STATE = """
            State lives in $LAB_HOME (default .lab/).
            Ports: lab.properties, overridden by LAB_<KEY>_PORT, all shifted by LAB_PORT_OFFSET.
            """;

    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    private Main(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        return commandLine(env).execute(args);
    }

    /** The whole command tree, ready to parse or execute. */
    static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new Main(env));
        CommandLine fault = cli.getSubcommands().get("fault");
        Faults.all().forEach(f -> fault.addSubcommand(new Inject(cli.getCommand(), f).spec));
        // Separated by a space only, as everywhere in the docs (--repeat N, not --repeat=N).
        cli.setSeparator(" ");
        cli.setUsageHelpWidth(110);
        finish(cli);
        cli.getCommandSpec().usageMessage().footer(text(COMPONENTS
                + "Faults (each one's argument and options: ./lab fault NAME --help):\n" + fault.getHelp().commandList()
                + STATE));
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (!(e instanceof LabException)) {
                throw e;
            }
            command.getErr().println("lab: " + e.getMessage());
            return 1;
        });
        return cli;
    }

    /** Without a command: the overview, as a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a command");
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        // argument groups' messages start with "Error: ", the others do not
        command.getErr().println("lab: " + e.getMessage().replaceFirst("^Error: ", ""));
        UnmatchedArgumentException.printSuggestions(e, command.getErr());
        command.usage(command.getErr());
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Gives every command -h/--help, and its options in help in the order declared (most used first). */
    private static void finish(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        spec.usageMessage().sortOptions(false).sortSynopsis(false);
        // help, the command, has its own
        if (spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("this help").build());
        }
        command.getSubcommands().values().forEach(Main::finish);
    }

    /** Picocli formats usage texts: keep a literal % literal. */
    private static String text(String plain) {
        return plain.replace("%", "%%");
    }

    Config config() {
        return Config.load(Path.of(System.getProperty("lab.root", ".")), env);
    }

    Stack stack() {
        Config config = config();
        return new Stack(config, Components.all(config), System.out);
    }

    @Command(name = "up", description = "Start components (default: every available one) with their dependencies.")
    static final class UpCommand implements Callable<Integer> {
        @ParentCommand
        Main lab;

        @Parameters(paramLabel = "COMPONENT", description = "see Components in ./lab help")
        List<String> components = new ArrayList<>();

        @Override
        public Integer call() {
            Stack stack = lab.stack();
            long begin = System.nanoTime();
            List<Component> plan = stack.up(components);
            System.out.printf("%nup in %.1f s%n%s", (System.nanoTime() - begin) / 1e9, Status.table(stack.status(plan)));
            for (Component c : plan) {
                if (c.webUi() != null) {
                    System.out.printf("%s web UI: %s%n", c.name(), c.webUi());
                }
            }
            return 0;
        }
    }

    @Command(name = "down", description = "Stop everything the lab started.")
    static final class DownCommand implements Callable<Integer> {
        @ParentCommand
        Main lab;

        @Override
        public Integer call() {
            lab.stack().down();
            return 0;
        }
    }

    @Command(name = "dev",
            description = "Start the stack without app (default: every other component), then the service in Quarkus"
                    + " dev mode (live reload) on app's port; Ctrl-C ends it.")
    static final class DevCommand implements Callable<Integer> {
        @ParentCommand
        Main lab;

        @Parameters(paramLabel = "COMPONENT", description = "see Components in ./lab help")
        List<String> components = new ArrayList<>();

        @Override
        public Integer call() {
            return new DevMode(lab.stack()).run(components);
        }
    }

    @Command(name = "status", description = "State, pid, memory and endpoint of each component.")
    static final class StatusCommand implements Callable<Integer> {
        @ParentCommand
        Main lab;

        @Option(names = "--json", description = "as JSON")
        boolean json;

        @Override
        public Integer call() {
            Stack stack = lab.stack();
            if (json) {
                System.out.println(Status.json(stack.status()));
            } else {
                System.out.print(Status.table(stack.status()));
            }
            return 0;
        }
    }

    @Command(name = "fault", synopsisSubcommandLabel = "NAME",
            description = {"Inject a real fault into the running stack and time the recovery.",
                    "Each fault takes its own argument and options: ./lab fault NAME --help."})
    static final class FaultCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "fault takes a fault name");
        }
    }

    /** Every fault takes these besides what it declares. */
    static final class FaultFlags {
        @Option(names = "--run", paramLabel = "RUN_ID", description = "also record the fault in that generator run's"
                + " history")
        String runId;

        @Option(names = "--json", description = "the report also as one JSON line, printed last")
        boolean json;
    }

    /**
     * fault NAME [ARGUMENT] [OPTION...] [--run RUN_ID] [--json]: built at run time from what the fault declares, so
     * picocli checks its argument and options and shows them in its help.
     */
    static final class Inject implements Callable<Integer> {
        private final Main lab;
        private final Fault fault;
        final FaultFlags flags = new FaultFlags();
        final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

        Inject(Main lab, Fault fault) {
            this.lab = lab;
            this.fault = fault;
            spec.name(fault.name()).usageMessage().description(text(fault.description()));
            if (!fault.arguments().isEmpty()) {
                spec.addPositional(PositionalParamSpec.builder()
                        .arity("0..1")
                        .paramLabel(String.join("|", fault.arguments()))
                        .description("which one (optional)")
                        .converters(word -> {
                            if (!fault.arguments().contains(word)) {
                                throw new TypeConversionException(
                                        "'" + word + "' is none of " + String.join(", ", fault.arguments()));
                            }
                            return word;
                        })
                        .build());
            }
            fault.options().forEach((declared, what) -> {
                String[] flag = declared.split(" ", 2);
                OptionSpec.Builder option = OptionSpec.builder(flag[0]).description(text(what));
                spec.addOption(flag.length == 1
                        ? option.arity("0").type(boolean.class).build()
                        : option.arity("1").type(String.class).paramLabel(flag[1]).build());
            });
            spec.addMixin("flags", CommandSpec.forAnnotatedObject(flags));
        }

        /** Its argument and its own options as given; only valid once parsed. */
        FaultOptions options() {
            ParseResult parsed = spec.commandLine().getParseResult();
            Map<String, String> values = new LinkedHashMap<>();
            for (String declared : fault.options().keySet()) {
                OptionSpec option = parsed.matchedOption(declared.split(" ")[0]);
                if (option != null) {
                    values.put(option.longestName(), option.arity().max() == 0 ? "" : option.getValue());
                }
            }
            return new FaultOptions(parsed.matchedPositionalValue(0, null), Map.copyOf(values));
        }

        @Override
        public Integer call() {
            FaultOptions options = options();
            Stack stack = lab.stack();
            ServiceApi service = flags.runId == null ? null : new ServiceApi(stack.component("app").endpoint());
            if (service != null) {
                service.requireRun(flags.runId);
            }
            InjectedFault injected = InjectedFault.inject(fault, stack, System.out, options);
            System.out.printf("%n%s", injected.report().text());
            if (service != null) {
                service.recordFault(flags.runId, injected);
                System.out.printf("recorded in the history of run %s: %s/api/runs/%s/faults%n",
                        flags.runId, service.base(), flags.runId);
            }
            if (flags.json) {
                System.out.println(injected.report().json());
            }
            return 0;
        }
    }

    /** How often to run: a whole number of at least 1. */
    static final class Repeat implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (!value.matches("0*[1-9]\\d{0,5}")) {
                throw new TypeConversionException("'" + value + "' is not a whole number of at least 1");
            }
            return Integer.parseInt(value);
        }
    }

    @Command(name = "demo",
            description = "Build what is missing, start the stack, run the decision table as an experiment (every "
                    + "row, real faults), print observed vs expected and the report's path; the stack keeps running.")
    static final class DemoCommand implements Callable<Integer> {
        @ParentCommand
        Main lab;

        @Option(names = "--quick", description = "shorter runs")
        boolean quick;

        @Option(names = "--url", paramLabel = "URL", description = "against a service elsewhere, only the rows "
                + "without faults")
        String url;

        @Option(names = "--repeat", paramLabel = "N", converter = Repeat.class,
                description = "N times with the same seeds: each row per repetition and digests of the window "
                        + "verdicts, which must agree")
        int repeat = 1;

        @Option(names = "--load", description = "a CPU burner keeps every core busy meanwhile")
        boolean load;

        @Override
        public Integer call() {
            Demo demo = new Demo(lab.stack(), System.out);
            return url == null ? demo.run(quick, repeat, load) : demo.run(url.replaceAll("/+$", ""), quick, repeat, load);
        }
    }

    @Command(name = "bench", synopsisSubcommandLabel = "(decision | cdc)", description = "Benchmarks on the running "
            + "stack.",
            subcommands = {BenchCommand.Decision.class, BenchCommand.Cdc.class})
    static final class BenchCommand implements Callable<Integer> {
        @ParentCommand
        Main lab;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "bench takes a benchmark name: decision or cdc");
        }

        @Command(name = "decision",
            description = "Decision layer throughput beside a plain JDBC loop on the running PostgreSQL and Kafka "
                    + "(takes a minute or two).")
        static final class Decision implements Callable<Integer> {
            @ParentCommand
            BenchCommand bench;

            @Option(names = "--results", paramLabel = "N", description = "results to decide (default "
                    + DecisionBench.DEFAULT_RESULTS + ")")
            int results = DecisionBench.DEFAULT_RESULTS;

            @Override
            public Integer call() {
                return new DecisionBench(bench.lab.stack(), System.out).run(results);
            }
        }

        @Command(name = "cdc",
            description = "Lag from PostgreSQL commit to applied in each read model, p50/p95/p99, at rising outbox "
                    + "change rates.")
        static final class Cdc implements Callable<Integer> {
            @ParentCommand
            BenchCommand bench;

            @Option(names = "--rates", paramLabel = "R,R,...", split = ",",
                    description = "outbox changes per second, one step each (default 250,500,1000,2000)")
            List<Integer> rates;

            @Option(names = "--seconds", paramLabel = "S", description = "length of each step (default "
                    + CdcBench.DEFAULT_SECONDS + ")")
            int seconds = CdcBench.DEFAULT_SECONDS;

            @Override
            public Integer call() {
                return new CdcBench(bench.lab.stack(), System.out)
                        .run(rates == null ? CdcBench.DEFAULT_RATES : rates, seconds);
            }
        }
    }

    /** Names of the service's integration test classes, comma-separated. */
    static final class ItNames implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.matches("\\w+(,\\w+)*")) {
                throw new TypeConversionException("'" + value + "' is not a comma-separated list of test classes");
            }
            return value;
        }
    }

    // picocli's own synopsis drops the | between --fast and a group
    @Command(name = "test", customSynopsis = "./lab test [-h] [--fast | --its IT,IT,... [--repeat N] [--load]]",
            description = "Test the harness, then the service against a fresh separate test stack, then the quick"
                    + " experiment twice (the repetitions must agree).")
    static final class TestCommand implements Callable<Integer> {
        @ParentCommand
        Main lab;

        /** Instead of the whole test: either lane, not both. */
        @ArgGroup
        Lane lane;

        static final class Lane {
            @Option(names = "--fast", required = true, description = "only the unit tests of every project (the Flink"
                    + " job's operator harness tests among them): no stack, no browser")
            boolean fast;

            @ArgGroup(exclusive = false, heading = "Only some of the service's integration tests, N times on one fresh"
                    + " test stack (no retries); per repetition pass/fail, the total, and a JSON line of the counts"
                    + " last:%n")
            Soak soak;
        }

        static final class Soak {
            @Option(names = "--its", paramLabel = "IT,IT,...", required = true, converter = ItNames.class,
                    description = "those integration tests")
            String its;

            @Option(names = "--repeat", paramLabel = "N", converter = Repeat.class, description = "N times (default 1)")
            int repeat = 1;

            @Option(names = "--load", description = "with the CPU burner running")
            boolean load;

            List<String> its() {
                return List.of(its.split(","));
            }
        }

        @Override
        public Integer call() {
            TestRun run = new TestRun(lab.config(), System.out);
            if (lane == null) {
                return run.run();
            }
            return lane.fast ? run.fast() : run.soak(lane.soak.its(), lane.soak.repeat, lane.soak.load);
        }
    }

    @Command(name = "check-native",
            description = "Build the service's native sources (no GraalVM needed) and check that every JSON type is "
                    + "registered for reflection (also part of test).")
    static final class CheckNativeCommand implements Callable<Integer> {
        @ParentCommand
        Main lab;

        @Override
        public Integer call() {
            try {
                return new NativeSources(lab.config().root(), System.out).buildAndCheck() ? 0 : 1;
            } catch (IOException e) {
                throw new LabException("native sources: " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "spec",
            description = "Rewrite the decision table of docs/consistency-spec.md from the experiment's cases "
                    + "(harness/cli/.../experiment/DecisionTable.java).")
    static final class SpecCommand implements Callable<Integer> {
        @ParentCommand
        Main lab;

        @Override
        public Integer call() {
            boolean changed = SpecDocument.write(lab.config().root());
            System.out.printf("%s: decision table %s%n", SpecDocument.PATH, changed ? "rewritten" : "already current");
            return 0;
        }
    }
}
