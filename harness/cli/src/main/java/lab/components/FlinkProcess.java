package lab.components;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lab.flink.FlinkConf;
import lab.flink.FlinkRest;
import lab.flink.JvmParams;
import lab.stack.Component;
import lab.stack.Config;
import lab.stack.LabException;

/**
 * A Flink cluster process (JobManager or TaskManager) launched the way flink-dist's scripts launch it, from
 * the jars harness/flink-dist lays out: prepare() writes the shared conf dir and asks BashJavaUtils for the
 * process's memory flags and dynamic properties (kept in its data dir, so a restart without prepare() uses the
 * same); the command adds the Java 17+ module flags and the log settings.
 */
abstract class FlinkProcess extends Component {

    private static final String PARAMS_FILE = "jvm-params";

    protected final FlinkConf flink;
    protected final FlinkRest rest;

    FlinkProcess(Config config, String name) {
        super(config, name);
        this.flink = FlinkConf.of(config);
        this.rest = new FlinkRest(flink.restUrl());
    }

    /** Its directory under data/flink, beside the shared conf and checkpoint dirs. */
    @Override
    public Path dataDir() {
        return flink.home().resolve(name());
    }

    /** GET_JM_RESOURCE_PARAMS or GET_TM_RESOURCE_PARAMS. */
    protected abstract String resourceParamsCommand();

    protected abstract String mainClass();

    /** Arguments after --configDir DIR and the computed dynamic properties. */
    protected List<String> extraArguments() {
        return List.of();
    }

    protected Path lib() {
        return config.root().resolve("harness/flink-dist/target/lib");
    }

    @Override
    public void prepare() throws IOException, InterruptedException {
        if (!Files.isDirectory(lib())) {
            throw new LabException("Flink jars missing: " + lib() + " (./lab builds them with the harness)");
        }
        Path conf = flink.confDir();
        Files.createDirectories(conf);
        for (Path dir : List.of(dataDir(), flink.checkpoints(), flink.savepoints(), flink.home().resolve("tmp"),
                flink.home().resolve("work"), flink.home().resolve("web"))) {
            Files.createDirectories(dir);
        }
        Files.writeString(conf.resolve(FlinkConf.CONFIG_FILE), flink.configYaml());
        Files.writeString(conf.resolve(FlinkConf.LOG4J_FILE), FlinkConf.log4j());
        Files.writeString(dataDir().resolve(PARAMS_FILE), resourceParams().format());
    }

    /** BashJavaUtils with this conf dir, as bin/jobmanager.sh and bin/taskmanager.sh run it. */
    private JvmParams resourceParams() throws IOException, InterruptedException {
        List<String> command = List.of(javaBinary(), "-Xmx128m", "-cp", lib() + "/*", JvmParams.MAIN_CLASS,
                resourceParamsCommand(), "--configDir", flink.confDir().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        try {
            if (exit != 0) {
                throw new IllegalArgumentException("exit " + exit + ":\n" + output);
            }
            return JvmParams.parse(output);
        } catch (IllegalArgumentException e) {
            throw new LabException(name() + ": computing the memory settings failed (" + JvmParams.MAIN_CLASS + " "
                    + resourceParamsCommand() + "): " + e.getMessage());
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private JvmParams savedParams() {
        try {
            return JvmParams.parse(Files.readString(dataDir().resolve(PARAMS_FILE)));
        } catch (IOException | IllegalArgumentException e) {
            throw new LabException(name() + ": no memory settings in " + dataDir().resolve(PARAMS_FILE)
                    + " (./lab up " + name() + " computes them): " + e.getMessage());
        }
    }

    @Override
    public List<String> command() {
        JvmParams params = savedParams();
        Path conf = flink.confDir();
        List<String> args = new ArrayList<>(params.jvmArgs());
        args.addAll(FlinkConf.JAVA_MODULE_FLAGS);
        if (Runtime.version().feature() >= 24) {
            // Flink's shaded libraries use sun.misc.Unsafe and RocksDB loads native code: keep newer JDKs quiet.
            args.add("--sun-misc-unsafe-memory-access=allow");
            args.add("--enable-native-access=ALL-UNNAMED");
        }
        args.addAll(List.of(
                "-Dlog.file=" + config.logFile(name()),
                "-Dlog4j.configuration=file:" + conf.resolve(FlinkConf.LOG4J_FILE),
                "-Dlog4j.configurationFile=file:" + conf.resolve(FlinkConf.LOG4J_FILE),
                "-cp", lib() + "/*", mainClass(), "--configDir", conf.toString()));
        args.addAll(params.dynamicProperties());
        args.addAll(extraArguments());
        return jvm(args.toArray(String[]::new));
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(120);
    }
}
