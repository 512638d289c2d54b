package consistency.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubernetes/: every object parses into the Kubernetes model and the objects agree with each other and the apps. */
class KubernetesManifestsTest {

    static final Path DIR = Path.of("kubernetes");

    @Test
    void everyObjectParsesWithNoUnknownField() throws IOException {
        List<HasMetadata> objects = Manifests.kustomizeResources(DIR);
        assertThat(objects).extracting(Manifests::id).contains("Deployment/service", "Service/service",
                "Deployment/processor", "StatefulSet/postgres", "StatefulSet/kafka", "Job/kafka-topics",
                "Deployment/jobmanager", "Deployment/taskmanager", "StatefulSet/mongodb", "StatefulSet/elasticsearch",
                "StatefulSet/cdc-mongodb", "StatefulSet/cdc-elasticsearch", "NetworkPolicy/default-deny-ingress");
        assertThat(objects.stream().flatMap(o -> Manifests.unknownFields(o, Manifests.id(o)).stream())).isEmpty();
    }

    @Test
    void aMisspeltFieldAndAnUnknownKindAreCaught() throws IOException {
        HasMetadata typo = Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replica: 2
                  template:
                    spec:
                      containers: [{name: x, image: x, imagePullPolice: Always}]
                """).getFirst();
        assertThat(Manifests.unknownFields(typo, "x"))
                .containsExactlyInAnyOrder("x.spec.replica", "x.spec.template.spec.containers[0].imagePullPolice");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Manifests.parse("apiVersion: v1\nkind: Deploymnt\nmetadata: {name: x}\n"))
                .hasMessageContaining("Deploymnt");
    }

    @Test
    void crossReferencesHold() throws IOException {
        List<HasMetadata> objects = Manifests.kustomizeResources(DIR);
        assertThat(Manifests.crossReferenceProblems(objects, Manifests.generatedNames(DIR))).isEmpty();
    }

    @Test
    void aBrokenReferenceIsReported() throws IOException {
        List<HasMetadata> objects = Manifests.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: api}
                spec:
                  selector: {app: api}
                  ports: [{name: http, port: 80, targetPort: web}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api}
                spec:
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec:
                      containers:
                        - name: api
                          image: api
                          ports: [{name: http, containerPort: 8080}]
                          env: [{name: P, valueFrom: {secretKeyRef: {name: missing, key: k}}}]
                """);
        assertThat(Manifests.crossReferenceProblems(objects, Set.of())).containsExactlyInAnyOrder(
                "Service/api port http targets web that Deployment/api does not expose",
                "Deployment/api env P reads Secret missing that does not exist");
    }

    @Test
    void containersAreNonRootWithProbesAndLimits() throws IOException {
        for (HasMetadata o : Manifests.kustomizeResources(DIR)) {
            var template = Manifests.podTemplate(o);
            if (template == null) {
                continue;
            }
            assertThat(template.getSpec().getSecurityContext().getRunAsNonRoot()).as(Manifests.id(o)).isTrue();
            for (Container c : template.getSpec().getContainers()) {
                assertThat(c.getResources().getLimits()).as(Manifests.id(o)).containsKeys("cpu", "memory");
                assertThat(c.getResources().getRequests()).as(Manifests.id(o)).containsKeys("cpu", "memory");
                if (!o.getKind().equals("Job")) {
                    assertThat(c.getReadinessProbe()).as(Manifests.id(o) + " readiness").isNotNull();
                    assertThat(c.getLivenessProbe()).as(Manifests.id(o) + " liveness").isNotNull();
                }
            }
        }
    }

    /** The env of the service, the processor and the Debezium Servers names keys their application.properties has. */
    @Test
    void environmentMatchesTheApplicationsConfiguration() throws IOException {
        AppConfig service = AppConfig.of(Path.of("src/main/resources/application.properties"), AppConfig.SET_BY_DEPLOYMENT);
        AppConfig cdc = AppConfig.of(Path.of("debezium-server/src/main/resources/application.properties"), List.of("quarkus.profile"));
        List<String> problems = new ArrayList<>();
        for (HasMetadata o : Manifests.kustomizeResources(DIR)) {
            for (Container c : Manifests.containers(o)) {
                AppConfig app = c.getImage().contains("lab/consistency-lab") ? service
                        : c.getImage().contains("lab/debezium-server") ? cdc : null;
                if (app != null) {
                    problems.addAll(app.problems(Manifests.id(o), env(c)));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The topics Job creates what Compose creates: the topics of lab.properties. */
    @Test
    void topicsJobCreatesTheLabsTopics() throws IOException {
        Container job = Manifests.kustomizeResources(DIR).stream().filter(o -> Manifests.id(o).equals("Job/kafka-topics"))
                .flatMap(o -> Manifests.containers(o).stream()).findFirst().orElseThrow();
        assertThat(job.getArgs()).containsExactly(ComposeFileTest.compose().path("services").path("kafka-topics")
                .path("command").get(0).asText().replace("$$", "$"));
    }

    /** Kubernetes runs exactly the images Compose runs or builds (the build is in compose.yaml). */
    @Test
    void imagesAreTheOnesComposeBuildsOrPulls() throws IOException {
        assertThat(Manifests.images(Manifests.kustomizeResources(DIR)))
                .containsExactlyInAnyOrderElementsOf(ComposeFileTest.images(ComposeFileTest.compose()));
    }

    @Test
    void kubectlKustomizeRendersTheWholeTree(@TempDir Path copy) throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed: `kubectl kustomize kubernetes/` was not run");
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Files.createDirectories(copy.resolve("secrets"));
        Files.writeString(copy.resolve("secrets/postgres-password"), "rendered");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", copy.toString()).redirectErrorStream(true).start();
        String rendered = new String(kubectl.getInputStream().readAllBytes());
        assertThat(kubectl.waitFor(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(rendered).isZero();

        List<HasMetadata> objects = Manifests.parse(rendered);
        assertThat(objects).hasSize(Manifests.kustomizeResources(DIR).size() + 1);
        Secret secret = (Secret) objects.stream().filter(o -> o instanceof Secret).findFirst().orElseThrow();
        assertThat(secret.getData()).containsEntry("password", java.util.Base64.getEncoder().encodeToString("rendered".getBytes()));
        assertThat(objects.stream().filter(o -> o instanceof Namespaced).map(o -> o.getMetadata().getNamespace())
                .collect(Collectors.toSet())).containsExactly("consistency-lab");
        assertThat(Manifests.crossReferenceProblems(objects, Set.of())).isEmpty();
    }

    private static Map<String, String> env(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            env.put(e.getName(), e.getValue() == null ? "" : e.getValue());
        }
        return env;
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
