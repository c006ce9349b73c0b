package org.pumppki.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The overlays under test, each rendered once per test run, and what the server container is told. */
final class Overlays {

    static final List<String> ALL = List.of("dev", "production", "production-hsm");
    private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    static RenderedOverlay rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, RenderedOverlay::render);
    }

    static Stream<String> all() {
        return ALL.stream();
    }

    static Stream<String> production() {
        return ALL.stream().filter(name -> name.startsWith("production"));
    }

    static Container serverContainer(RenderedOverlay overlay) {
        return overlay.server().getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("pumppki")).findFirst().orElseThrow();
    }

    /**
     * The plain values the server container sees: its ConfigMaps (envFrom) overridden by its own
     * {@code env} entries with a value. Variables from Secrets are not in it.
     */
    static Map<String, String> plainEnvironment(RenderedOverlay overlay) {
        Container container = serverContainer(overlay);
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (source.getConfigMapRef() != null) {
                environment.putAll(overlay.one(ConfigMap.class, source.getConfigMapRef().getName()).getData());
            }
        }
        for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (variable.getValue() != null) {
                environment.put(variable.getName(), variable.getValue());
            }
        }
        return environment;
    }

    /** A duration as PumpPKI's configuration writes it: {@code 20s}, {@code 500ms}, {@code 2m}. */
    static Duration duration(String text) {
        String value = text.trim();
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("Not a duration the manifests should use: " + text);
        };
    }
}
