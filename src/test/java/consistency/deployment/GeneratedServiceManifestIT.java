package consistency.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * kubernetes/service.yml is what quarkus-kubernetes generates from application.properties at package time:
 * when the configuration changes, the committed copy must be regenerated (README.md in kubernetes/).
 */
class GeneratedServiceManifestIT {

    @Test
    void committedCopyIsTheGeneratedManifest() throws IOException {
        Path generated = Path.of("target/kubernetes/kubernetes.yml");
        assertThat(generated).exists();
        assertThat(Manifests.parse(Files.readString(KubernetesManifestsTest.DIR.resolve("service.yml"))))
                .as("kubernetes/service.yml differs from target/kubernetes/kubernetes.yml: copy it over")
                .isEqualTo(Manifests.parse(Files.readString(generated)));
        assertThat(Manifests.parse(Files.readString(generated))).extracting(Manifests::id)
                .containsExactly("Service/service", "Deployment/service");
    }
}
