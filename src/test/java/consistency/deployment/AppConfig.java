package consistency.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an application.properties lets a deployment set: its keys in environment-variable form (Quarkus maps
 * KAFKA_BOOTSTRAP_SERVERS to kafka.bootstrap.servers), the ${VARIABLES} it reads, and its profiles.
 */
record AppConfig(Set<String> envNames, Set<String> profiles) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

    /**
     * Runtime keys the service is given only by its deployment (the password) or that the read-model
     * clients read, the profile switch itself, and the namespace quarkus-kubernetes always passes.
     */
    static final List<String> SET_BY_DEPLOYMENT = List.of("quarkus.datasource.password", "quarkus.mongodb.connection-string",
            "quarkus.elasticsearch.hosts", "quarkus.profile", "kubernetes.namespace");

    static AppConfig of(Path applicationProperties, List<String> moreKeys) throws IOException {
        Set<String> env = new HashSet<>();
        Set<String> profiles = new HashSet<>();
        moreKeys.forEach(k -> env.add(envName(k)));
        for (String line : Files.readAllLines(applicationProperties)) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#") || !line.contains("=")) {
                continue;
            }
            String key = line.substring(0, line.indexOf('=')).strip();
            if (key.startsWith("%")) {
                profiles.add(key.substring(1, key.indexOf('.')));
                key = key.substring(key.indexOf('.') + 1);
            }
            env.add(envName(key));
            Matcher m = PLACEHOLDER.matcher(line);
            while (m.find()) {
                env.add(m.group(1));
            }
        }
        return new AppConfig(Set.copyOf(env), Set.copyOf(profiles));
    }

    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * Problems with an environment given to this application: unknown names, unknown profile. NAME_FILE
     * (a secret file the image's entrypoint reads into NAME) counts as NAME.
     */
    List<String> problems(String where, Map<String, String> environment) {
        List<String> problems = new java.util.ArrayList<>();
        environment.forEach((name, value) -> {
            if (!envNames.contains(name) && !(name.endsWith("_FILE") && envNames.contains(name.substring(0, name.length() - 5)))) {
                problems.add(where + ": " + name + " is no configuration key of the application");
            }
            if (name.equals("QUARKUS_PROFILE") && !profiles.contains(value)) {
                problems.add(where + ": profile " + value + " is not defined in its application.properties");
            }
        });
        return problems;
    }
}
