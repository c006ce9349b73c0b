package org.pumppki.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pumppki.ca.testing.InteropTools;

/**
 * One overlay of {@code k8s/overlays} as the cluster would receive it: rendered by the real
 * kustomize ({@code kubectl kustomize}, any version from kustomize v2.0.3 on) and parsed into the
 * fabric8 Kubernetes model. Kinds the model does not know (CloudNativePG, Prometheus operator) come
 * back as {@link GenericKubernetesResource}.
 */
record RenderedOverlay(String name, List<HasMetadata> resources) {

    static final Path OVERLAYS = Path.of("overlays");
    private static final long TIMEOUT_SECONDS = 60;

    static RenderedOverlay render(String overlay) {
        Path kubectl = InteropTools.requireTool("kubectl");
        Path directory = OVERLAYS.resolve(overlay);
        try {
            Path output = Files.createTempFile("kustomize-" + overlay, ".yaml");
            Path errors = Files.createTempFile("kustomize-" + overlay, ".err");
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + directory + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            String yaml = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), "kubectl kustomize " + directory + " failed:\n"
                    + Files.readString(errors, StandardCharsets.UTF_8));
            Files.delete(output);
            Files.delete(errors);
            return new RenderedOverlay(overlay, parse(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rendering " + directory, e);
        }
    }

    static List<HasMetadata> parse(String yaml) {
        Object parsed = new KubernetesSerialization().unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        List<?> documents = parsed instanceof List<?> list ? list : List.of(parsed);
        assertFalse(documents.isEmpty(), "nothing rendered");
        return documents.stream().map(HasMetadata.class::cast).toList();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String resourceName) {
        List<T> matches = all(type).stream().filter(r -> r.getMetadata().getName().equals(resourceName)).toList();
        assertEquals(1, matches.size(), name + ": expected one " + type.getSimpleName() + " named " + resourceName);
        return matches.get(0);
    }

    /** A resource of a kind the fabric8 model does not know, e.g. {@code Cluster} of CloudNativePG. */
    GenericKubernetesResource custom(String kind, String resourceName) {
        List<GenericKubernetesResource> matches = all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals(kind) && r.getMetadata().getName().equals(resourceName)).toList();
        assertEquals(1, matches.size(), name + ": expected one " + kind + " named " + resourceName);
        return matches.get(0);
    }

    /** The {@code spec} of {@link #custom(String, String)}, as the YAML maps it. */
    Map<String, Object> customSpec(String kind, String resourceName) {
        return spec(custom(kind, resourceName));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    Deployment server() {
        return one(Deployment.class, "pumppki");
    }

    @Override
    public String toString() {
        return name;
    }
}
