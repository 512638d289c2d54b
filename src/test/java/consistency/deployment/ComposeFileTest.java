package consistency.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** compose.yaml: parses, its references resolve, and its services are configured with keys the apps know. */
class ComposeFileTest {

    /** host:port in a value, alone or inside a URL (kafka:9092, mongodb://mongodb:27017). */
    private static final Pattern HOST_PORT = Pattern.compile("(?:^|//)([a-z][a-z0-9-]*):(\\d+)");

    static JsonNode compose() throws IOException {
        return Manifests.YAML.readTree(Path.of("compose.yaml").toFile());
    }

    static Set<String> images(JsonNode compose) {
        Set<String> images = new TreeSet<>();
        compose.path("services").forEach(s -> images.add(Manifests.image(s.path("image").asText())));
        return images;
    }

    @Test
    void runsTheWholeTopologyFromRealImages() throws IOException {
        JsonNode services = compose().path("services");
        assertThat(names(services)).containsExactlyInAnyOrder("postgres", "kafka", "kafka-topics", "jobmanager",
                "taskmanager", "mongodb", "elasticsearch", "service", "processor", "cdc-mongodb", "cdc-elasticsearch");
        services.forEach(s -> assertThat(s.path("image").asText()).isNotBlank());
        assertThat(services.path("postgres").path("command").toString()).contains("wal_level=logical");
        assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(services.path("postgres").path("environment").has("POSTGRES_PASSWORD")).as("password in plain text").isFalse();
    }

    @Test
    void dependenciesVolumesAndSecretsResolve() throws IOException {
        JsonNode compose = compose();
        JsonNode services = compose.path("services");
        List<String> problems = new ArrayList<>();
        services.properties().forEach(service -> {
            String name = service.getKey();
            JsonNode s = service.getValue();
            s.path("depends_on").properties().forEach(d -> {
                String condition = d.getValue().path("condition").asText();
                JsonNode target = services.path(d.getKey());
                if (target.isMissingNode()) {
                    problems.add(name + " depends on unknown " + d.getKey());
                } else if (condition.equals("service_healthy") && !target.has("healthcheck")) {
                    problems.add(name + " waits for " + d.getKey() + " to be healthy, which has no healthcheck");
                } else if (!Set.of("service_healthy", "service_started", "service_completed_successfully").contains(condition)) {
                    problems.add(name + " depends on " + d.getKey() + " with condition '" + condition + "'");
                }
            });
            if (!s.has("healthcheck") && !name.equals("kafka-topics")) {
                problems.add(name + " has no healthcheck");
            }
            s.path("volumes").forEach(v -> {
                String volume = v.asText().split(":")[0];
                if (!compose.path("volumes").has(volume)) {
                    problems.add(name + " mounts undeclared volume " + volume);
                }
            });
            List<String> mounted = new ArrayList<>();
            s.path("secrets").forEach(secret -> {
                String source = secret.isObject() ? secret.path("source").asText() : secret.asText();
                mounted.add("/run/secrets/" + (secret.has("target") ? secret.path("target").asText() : source));
                if (!compose.path("secrets").has(source)) {
                    problems.add(name + " uses undeclared secret " + source);
                }
            });
            env(s).forEach((key, value) -> {
                if (value.startsWith("/run/secrets/") && !mounted.contains(value)) {
                    problems.add(name + " reads " + value + " (" + key + ") but mounts no secret there");
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    /** Every host:port a service is given names another service that exposes that port. */
    @Test
    void addressesNameServicesAndTheirPorts() throws IOException {
        JsonNode services = compose().path("services");
        List<String> problems = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        services.properties().forEach(service -> {
            Map<String, String> env = env(service.getValue());
            List<String> values = new ArrayList<>(env.values());
            service.getValue().path("command").forEach(c -> values.add(c.asText()));
            env.forEach((key, host) -> {
                if (key.endsWith("_HOST") && env.containsKey(key.replaceFirst("_HOST$", "_PORT"))) {
                    values.add(host + ":" + env.get(key.replaceFirst("_HOST$", "_PORT")));
                }
            });
            for (String value : values) {
                Matcher m = HOST_PORT.matcher(value);
                while (m.find()) {
                    String host = m.group(1);
                    if (host.equals("localhost")) {
                        continue;
                    }
                    checked.add(service.getKey() + "->" + host + ":" + m.group(2));
                    if (!exposed(services.path(host)).contains(m.group(2))) {
                        problems.add(service.getKey() + " reaches " + host + ":" + m.group(2) + ", which no service exposes");
                    }
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(checked).contains("service->postgres:5432", "service->kafka:9092", "service->mongodb:27017",
                "service->elasticsearch:9200", "processor->kafka:9092", "jobmanager->kafka:9092",
                "cdc-mongodb->postgres:5432", "cdc-mongodb->mongodb:27017", "cdc-elasticsearch->elasticsearch:9200");
    }

    @Test
    void environmentMatchesTheApplicationsConfiguration() throws IOException {
        AppConfig service = AppConfig.of(Path.of("src/main/resources/application.properties"), AppConfig.SET_BY_DEPLOYMENT);
        AppConfig cdc = AppConfig.of(Path.of("debezium-server/src/main/resources/application.properties"), List.of("quarkus.profile"));
        List<String> problems = new ArrayList<>();
        compose().path("services").properties().forEach(s -> {
            String image = s.getValue().path("image").asText();
            AppConfig app = image.startsWith("lab/consistency-lab") ? service : image.startsWith("lab/debezium-server") ? cdc : null;
            if (app != null) {
                problems.addAll(app.problems(s.getKey(), env(s.getValue())));
            }
        });
        assertThat(problems).isEmpty();
    }

    /** The service's password file is named after its configuration key, in the directory the service reads keys from. */
    @Test
    void theServiceReadsThePasswordSecretAsItsConfigurationKey() throws IOException {
        JsonNode secret = compose().path("services").path("service").path("secrets").get(0);
        assertThat(AppConfig.SET_BY_DEPLOYMENT).contains(secret.path("target").asText());
        assertThat(Files.readAllLines(Path.of("src/main/resources/application.properties")))
                .contains("smallrye.config.source.file.locations=/run/secrets");
    }

    /** The Debezium Servers listen where their profile says, and the service on Quarkus's default port. */
    @Test
    void healthPortsAreTheApplicationsHttpPorts() throws IOException {
        JsonNode services = compose().path("services");
        String cdc = Files.readString(Path.of("debezium-server/src/main/resources/application.properties"));
        for (String profile : List.of("mongodb", "elasticsearch")) {
            Matcher port = Pattern.compile("%" + profile + "\\.quarkus\\.http\\.port=\\$\\{[A-Z_]+:(\\d+)}").matcher(cdc);
            assertThat(port.find()).as(profile).isTrue();
            assertThat(exposed(services.path("cdc-" + profile))).containsExactly(port.group(1));
        }
        assertThat(Files.readAllLines(Path.of("src/main/resources/application.properties")))
                .as("a fixed HTTP port outside %dev would reach the images and manifests")
                .noneMatch(l -> l.startsWith("quarkus.http.port="));
        assertThat(exposed(services.path("service"))).containsExactly("8080");
    }

    /** Kafka gets the topics of lab.properties; the Flink job runs the Mode B main class with parameters it knows. */
    @Test
    void topicsAndFlinkJobMatchTheLab() throws IOException {
        JsonNode services = compose().path("services");
        Properties lab = new Properties();
        try (var in = Files.newBufferedReader(Path.of("lab.properties"))) {
            lab.load(in);
        }
        String topics = String.join(" ", lab.getProperty("kafka.topics").split(","));
        assertThat(services.path("kafka-topics").path("command").get(0).asText()).contains("for t in " + topics + ";");

        List<String> command = new ArrayList<>();
        services.path("jobmanager").path("command").forEach(c -> command.add(c.asText()));
        String mainClass = command.get(command.indexOf("--job-classname") + 1);
        assertThat(Path.of("flink-job/src/main/java", mainClass.replace('.', '/') + ".java")).exists();
        String settings = Files.readString(Path.of("flink-job/src/main/java/consistency/processing/JobSettings.java"));
        command.stream().skip(command.indexOf("--job-classname") + 2).filter(a -> a.startsWith("--"))
                .forEach(a -> assertThat(settings).as("job parameter " + a).contains("d.put(\"" + a.substring(2) + "\""));
    }

    private static List<String> names(JsonNode services) {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, String> env(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        service.path("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private static List<String> exposed(JsonNode service) {
        List<String> ports = new ArrayList<>();
        service.path("expose").forEach(p -> ports.add(p.asText()));
        return ports;
    }
}
