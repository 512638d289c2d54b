package lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import lab.stack.LabException;
import lab.stack.Maven;
import lab.stack.Wire;

/**
 * The service's native build as far as it goes without GraalVM: `-Dnative -Dquarkus.native.sources-only=true`
 * writes target/native-sources/ (the runner jar and native-image.args for a native-image run elsewhere). The
 * reflection configuration native-image would get must then cover every public record and enum of the service and
 * of the wire module it carries, since Jackson reads and writes them by reflection, except the few below that
 * never become JSON.
 */
public final class NativeSources {

    /** Public records and enums that are never (de)serialized by Jackson: kept in memory or encoded by hand. */
    static final Set<String> NOT_JSON = Set.of(
            "consistency.wire.LabEvent",
            "consistency.wire.ProgressMark",
            "consistency.wire.WindowResult",
            "consistency.generator.EventPlan",
            "consistency.generator.EventPlan$Counts",
            "consistency.generator.EventPlan$Progress",
            "consistency.api.Limits",
            "consistency.decision.ResultPlausibility",
            "consistency.generator.Emission",
            "consistency.generator.Emission$Kind",
            "consistency.decision.Decision",
            "consistency.store.DecisionHistory$Filter",
            "consistency.store.DecisionStore$Consumed",
            "consistency.processing.KafkaOnlyWindows$WindowId",
            "consistency.processing.KafkaOnlyWindows$Settings",
            "consistency.contract.ReadModelComparison",
            "consistency.contract.ReadModels$Held",
            "consistency.contract.ReadPolicy",
            "consistency.store.ReadModelWindow");

    private final Path root;
    private final PrintStream out;

    public NativeSources(Path root, PrintStream out) {
        this.root = root;
        this.out = out;
    }

    /** Builds the native sources, then checks the reflection registrations; true when both hold. */
    public boolean buildAndCheck() throws IOException {
        Wire.installed(root);
        if (Maven.run(root, "-B", "-q", "package", "-DskipTests", "-Dnative", "-Dquarkus.native.sources-only=true") != 0) {
            return false;
        }
        Path sources = root.resolve("target/native-sources");
        if (!Files.exists(sources.resolve("native-image.args"))) {
            throw new LabException("no native-image.args under " + sources);
        }
        Set<String> jsonTypes = new TreeSet<>(jsonTypes(root.resolve("target/classes")));
        jsonTypes.addAll(jsonTypes(root.resolve(Wire.DIR).resolve("target/classes")));
        List<String> missing = unregistered(jsonTypes, registered(runnerJar(sources)));
        if (!missing.isEmpty()) {
            out.println("native: not registered for reflection (add them to a @RegisterForReflection, or to NOT_JSON"
                    + " if they never become JSON): " + missing);
            return false;
        }
        out.println("native: " + sources + " written; reflection covers every JSON type of the service");
        return true;
    }

    static List<String> unregistered(Set<String> jsonTypes, Set<String> registered) {
        return jsonTypes.stream().filter(t -> !registered.contains(t)).sorted().toList();
    }

    private static Path runnerJar(Path sources) throws IOException {
        try (Stream<Path> files = Files.list(sources)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new LabException("no runner jar under " + sources));
        }
    }

    /** Classes native-image registers with all their fields, methods and constructors (what Jackson needs). */
    static Set<String> registered(Path runnerJar) throws IOException {
        try (ZipFile jar = new ZipFile(runnerJar.toFile())) {
            var entry = jar.getEntry("META-INF/native-image/reflect-config.json");
            if (entry == null) {
                throw new LabException(runnerJar + " has no META-INF/native-image/reflect-config.json");
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return registered(new ObjectMapper().readTree(in));
            }
        }
    }

    static Set<String> registered(JsonNode reflectConfig) {
        Set<String> names = new HashSet<>();
        for (JsonNode type : reflectConfig) {
            if (type.path("allDeclaredFields").asBoolean() && type.path("allDeclaredMethods").asBoolean()
                    && type.path("allDeclaredConstructors").asBoolean()) {
                names.add(type.path("name").asText());
            }
        }
        return names;
    }

    /** Public records and enums among the compiled classes under consistency/, less {@link #NOT_JSON}. */
    static Set<String> jsonTypes(Path classes) throws IOException {
        Set<String> types = new TreeSet<>();
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("consistency"))) {
            files.filter(p -> p.toString().endsWith(".class"))
                    .forEach(p -> names.add(classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "")));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError needsOtherJars) {
                    continue;
                }
                if ((type.isRecord() || type.isEnum()) && Modifier.isPublic(type.getModifiers()) && !NOT_JSON.contains(name)) {
                    types.add(name);
                }
            }
        }
        return types;
    }
}
