package consistency.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Kubernetes manifests parsed into the fabric8 model, and the checks that hold without an API server. */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private Manifests() {
    }

    /** Every object of a multi-document YAML text, typed by its apiVersion and kind. */
    static List<HasMetadata> parse(String yaml) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isEmpty()) {
                    continue;
                }
                KubernetesResource object = KUBERNETES.unmarshal(YAML.writeValueAsString(document), KubernetesResource.class);
                if (!(object instanceof HasMetadata typed) || object.getClass().getSimpleName().startsWith("Generic")) {
                    throw new IllegalArgumentException("not a known Kubernetes kind: " + document.path("apiVersion").asText()
                            + " " + document.path("kind").asText());
                }
                objects.add(typed);
            }
        }
        return objects;
    }

    /** The objects of the resources a kustomization.yaml lists. */
    static List<HasMetadata> kustomizeResources(Path dir) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode resource : YAML.readTree(dir.resolve("kustomization.yaml").toFile()).path("resources")) {
            objects.addAll(parse(Files.readString(dir.resolve(resource.asText()))));
        }
        return objects;
    }

    /** Names of the Secrets and ConfigMaps a kustomization.yaml generates. */
    static Set<String> generatedNames(Path dir) throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        return Stream.concat(stream(kustomization.path("secretGenerator")), stream(kustomization.path("configMapGenerator")))
                .map(g -> g.path("name").asText()).collect(Collectors.toSet());
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }

    /**
     * Fields the model does not know, as paths (fabric8 keeps them in additionalProperties rather than failing):
     * a misspelt or misplaced key anywhere in the object.
     */
    static List<String> unknownFields(Object object, String path) {
        List<String> unknown = new ArrayList<>();
        if (object == null || !object.getClass().getName().startsWith("io.fabric8.")) {
            return unknown;
        }
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value = invoke(getter, object);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> unknown.add(path + "." + k));
            } else if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    unknown.addAll(unknownFields(item, path + "." + field(getter) + "[" + i++ + "]"));
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> unknown.addAll(unknownFields(v, path + "." + field(getter) + "." + k)));
            } else {
                unknown.addAll(unknownFields(value, path + "." + field(getter)));
            }
        }
        return unknown;
    }

    private static String field(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object object) {
        try {
            return getter.invoke(object);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter + ": " + e, e);
        }
    }

    static String id(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getName();
    }

    /** The pod template of a workload, or null for other kinds. */
    static PodTemplateSpec podTemplate(HasMetadata o) {
        return switch (o) {
            case Deployment d -> d.getSpec().getTemplate();
            case StatefulSet s -> s.getSpec().getTemplate();
            case Job j -> j.getSpec().getTemplate();
            default -> null;
        };
    }

    static List<Container> containers(HasMetadata o) {
        PodTemplateSpec template = podTemplate(o);
        return template == null ? List.of() : template.getSpec().getContainers();
    }

    /**
     * What must hold between the objects: Services select pods and reach their ports, referenced Secrets,
     * ConfigMaps, claims and volumes exist, StatefulSets name their Service, NetworkPolicies select real pods.
     * Returns the problems found.
     */
    static List<String> crossReferenceProblems(List<HasMetadata> objects, Set<String> generated) {
        List<String> problems = new ArrayList<>();
        List<HasMetadata> workloads = objects.stream().filter(o -> podTemplate(o) != null).toList();
        Set<String> secrets = names(objects, "Secret", generated);
        Set<String> configMaps = names(objects, "ConfigMap", generated);
        Set<String> claims = names(objects, "PersistentVolumeClaim", Set.of());
        Set<String> services = names(objects, "Service", Set.of());
        for (HasMetadata o : objects) {
            if (o instanceof Service service) {
                List<HasMetadata> selected = selected(workloads, service.getSpec().getSelector());
                if (selected.isEmpty()) {
                    problems.add(id(o) + " selects no pods");
                }
                for (ServicePort port : service.getSpec().getPorts()) {
                    for (HasMetadata w : selected) {
                        if (!exposes(w, port)) {
                            problems.add(id(o) + " port " + port.getName() + " targets " + (port.getTargetPort() == null ? port.getPort()
                                    : Objects.requireNonNullElse(port.getTargetPort().getStrVal(), port.getTargetPort().getIntVal()))
                                    + " that " + id(w) + " does not expose");
                        }
                    }
                }
            }
            if (o instanceof StatefulSet s && !services.contains(s.getSpec().getServiceName())) {
                problems.add(id(o) + " names Service " + s.getSpec().getServiceName() + " that does not exist");
            }
            if (o instanceof NetworkPolicy policy) {
                if (selected(workloads, policy.getSpec().getPodSelector().getMatchLabels()).isEmpty()
                        && !policy.getSpec().getPodSelector().getMatchLabels().isEmpty()) {
                    problems.add(id(o) + " applies to no pods");
                }
                policy.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream())
                        .map(NetworkPolicyPeer::getPodSelector).filter(Objects::nonNull)
                        .filter(s -> selected(workloads, s.getMatchLabels()).isEmpty())
                        .forEach(s -> problems.add(id(o) + " allows pods " + s.getMatchLabels() + " that do not exist"));
            }
            PodTemplateSpec template = podTemplate(o);
            if (template == null) {
                continue;
            }
            List<String> volumes = new ArrayList<>(template.getSpec().getVolumes().stream().map(Volume::getName).toList());
            if (o instanceof StatefulSet s) {
                s.getSpec().getVolumeClaimTemplates().stream().map(c -> c.getMetadata().getName()).forEach(volumes::add);
            }
            for (Volume v : template.getSpec().getVolumes()) {
                if (v.getPersistentVolumeClaim() != null && !claims.contains(v.getPersistentVolumeClaim().getClaimName())) {
                    problems.add(id(o) + " claims " + v.getPersistentVolumeClaim().getClaimName() + " that does not exist");
                }
                if (v.getSecret() != null && !secrets.contains(v.getSecret().getSecretName())) {
                    problems.add(id(o) + " mounts Secret " + v.getSecret().getSecretName() + " that does not exist");
                }
                if (v.getConfigMap() != null && !configMaps.contains(v.getConfigMap().getName())) {
                    problems.add(id(o) + " mounts ConfigMap " + v.getConfigMap().getName() + " that does not exist");
                }
            }
            for (Container c : template.getSpec().getContainers()) {
                c.getVolumeMounts().stream().filter(m -> !volumes.contains(m.getName()))
                        .forEach(m -> problems.add(id(o) + " mounts volume " + m.getName() + " that it does not declare"));
                for (EnvVar e : c.getEnv()) {
                    var from = e.getValueFrom();
                    if (from != null && from.getSecretKeyRef() != null && !secrets.contains(from.getSecretKeyRef().getName())) {
                        problems.add(id(o) + " env " + e.getName() + " reads Secret " + from.getSecretKeyRef().getName() + " that does not exist");
                    }
                    if (from != null && from.getConfigMapKeyRef() != null && !configMaps.contains(from.getConfigMapKeyRef().getName())) {
                        problems.add(id(o) + " env " + e.getName() + " reads ConfigMap " + from.getConfigMapKeyRef().getName() + " that does not exist");
                    }
                }
                for (EnvFromSource e : c.getEnvFrom()) {
                    if (e.getConfigMapRef() != null && !configMaps.contains(e.getConfigMapRef().getName())) {
                        problems.add(id(o) + " takes env from ConfigMap " + e.getConfigMapRef().getName() + " that does not exist");
                    }
                    if (e.getSecretRef() != null && !secrets.contains(e.getSecretRef().getName())) {
                        problems.add(id(o) + " takes env from Secret " + e.getSecretRef().getName() + " that does not exist");
                    }
                }
            }
        }
        return problems;
    }

    private static Set<String> names(List<HasMetadata> objects, String kind, Set<String> more) {
        return Stream.concat(objects.stream().filter(o -> o.getKind().equals(kind)).map(o -> o.getMetadata().getName()),
                more.stream()).collect(Collectors.toSet());
    }

    private static List<HasMetadata> selected(List<HasMetadata> workloads, Map<String, String> selector) {
        return workloads.stream().filter(w -> podTemplate(w).getMetadata().getLabels().entrySet()
                .containsAll(selector.entrySet())).toList();
    }

    private static boolean exposes(HasMetadata workload, ServicePort port) {
        var target = port.getTargetPort();
        return containers(workload).stream().flatMap(c -> c.getPorts().stream()).anyMatch(p -> target == null
                ? Objects.equals(p.getContainerPort(), port.getPort())
                : target.getIntVal() != null ? target.getIntVal().equals(p.getContainerPort()) : target.getStrVal().equals(p.getName()));
    }

    /** Images without the default registry prefix, so docker.io/lab/x and lab/x compare equal. */
    static String image(String name) {
        return name.replaceFirst("^docker\\.io/(library/)?", "");
    }

    static Set<String> images(List<HasMetadata> objects) {
        return objects.stream().flatMap(o -> containers(o).stream()).map(c -> image(c.getImage())).collect(Collectors.toSet());
    }
}
