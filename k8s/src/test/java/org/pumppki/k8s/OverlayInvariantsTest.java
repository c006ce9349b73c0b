package org.pumppki.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import java.net.URI;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every overlay must keep, whatever environment it is for. */
class OverlayInvariantsTest {

    private static final Set<String> CUSTOM_KINDS = Set.of("Cluster", "ScheduledBackup", "ServiceMonitor", "PrometheusRule");
    /** Names of values that are secret: they may only come from a Secret. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|PIN|SECRET|TOKEN|MASTER_KEY)$");
    private static final Pattern TAGGED_IMAGE = Pattern.compile("[^:@]+(/[^:@]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?");

    static Stream<String> overlays() {
        return Overlays.all();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyResourceParsesAsAKubernetesModelOrAKnownOperatorKind(String name) {
        RenderedOverlay overlay = Overlays.rendered(name);
        for (GenericKubernetesResource unknown : overlay.all(GenericKubernetesResource.class)) {
            assertTrue(CUSTOM_KINDS.contains(unknown.getKind()),
                    name + ": " + unknown.getApiVersion() + " " + unknown.getKind() + " is not a Kubernetes model class");
        }
        assertNotNull(overlay.server());
        overlay.resources().forEach(resource -> assertNotNull(resource.getMetadata().getNamespace(),
                name + ": " + resource.getKind() + " " + resource.getMetadata().getName() + " has no namespace"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probesAskTheHealthEndpointsOnPlainHttp(String name) {
        Container server = Overlays.serverContainer(Overlays.rendered(name));
        assertHealthProbe(server.getStartupProbe(), "/q/health/started", name);
        assertHealthProbe(server.getLivenessProbe(), "/q/health/live", name);
        // Readiness: the OCSP group, which stays UP while the database fails over (see deployment.yaml).
        assertHealthProbe(server.getReadinessProbe(), "/q/health/group/ocsp", name);
        int httpPort = server.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow().getContainerPort();
        assertEquals(8080, httpPort, name + ": the http port is quarkus.http.port");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void containersRunAsNonRootOnAReadOnlyFileSystemWithoutCapabilities(String name) {
        PodSpec pod = Overlays.rendered(name).server().getSpec().getTemplate().getSpec();
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name);
        assertTrue(pod.getSecurityContext().getRunAsNonRoot(), name);
        assertTrue(pod.getSecurityContext().getRunAsUser() > 0, name);
        assertFalse(pod.getAutomountServiceAccountToken(), name + ": PumpPKI needs no Kubernetes API token");
        for (Container container : containers(pod)) {
            var context = container.getSecurityContext();
            String what = name + " container " + container.getName();
            assertNotNull(context, what);
            assertTrue(context.getReadOnlyRootFilesystem(), what + ": readOnlyRootFilesystem");
            assertFalse(context.getAllowPrivilegeEscalation(), what + ": allowPrivilegeEscalation");
            assertTrue(context.getRunAsNonRoot(), what + ": runAsNonRoot");
            assertEquals(List.of("ALL"), context.getCapabilities().getDrop(), what + ": capabilities");
            assertTrue(context.getCapabilities().getAdd() == null || context.getCapabilities().getAdd().isEmpty(), what);
        }
        Container server = Overlays.serverContainer(Overlays.rendered(name));
        String tmpVolume = server.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": /tmp is not mounted")).getName();
        assertNotNull(volume(pod, tmpVolume).getEmptyDir(), name + ": /tmp is an emptyDir");
        String dataDir = Overlays.plainEnvironment(Overlays.rendered(name)).get("PKI_DATA_DIR");
        assertTrue(server.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals(dataDir)
                && volume(pod, m.getName()).getEmptyDir() != null), name + ": PKI_DATA_DIR is a writable emptyDir");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyImageIsPinned(String name) {
        RenderedOverlay overlay = Overlays.rendered(name);
        List<String> images = new ArrayList<>(containers(overlay.server().getSpec().getTemplate().getSpec())
                .stream().map(Container::getImage).toList());
        images.add((String) overlay.customSpec("Cluster", "pumppki-db").get("imageName"));
        for (String image : images) {
            assertNotNull(image, name + ": an image is missing");
            assertTrue(TAGGED_IMAGE.matcher(image).matches(), name + ": not an image reference: " + image);
            String lastSegment = image.substring(image.lastIndexOf('/') + 1);
            assertTrue(lastSegment.contains(":") || image.contains("@sha256:"), name + ": untagged image " + image);
            assertFalse(lastSegment.endsWith(":latest"), name + ": image tagged latest: " + image);
            assertTrue(image.contains("/"), name + ": image " + image + " is not from a named registry (the overlay's images: entry was not applied)");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void secretValuesComeOnlyFromSecretsThatAreNotCommitted(String name) {
        RenderedOverlay overlay = Overlays.rendered(name);
        assertEquals(List.of(), overlay.all(Secret.class), name + ": a Secret is committed");
        for (ConfigMap configMap : overlay.all(ConfigMap.class)) {
            configMap.getData().keySet().forEach(key -> assertFalse(SECRET_NAME.matcher(key).matches(),
                    name + ": ConfigMap " + configMap.getMetadata().getName() + " holds " + key));
        }
        for (Container container : containers(overlay.server().getSpec().getTemplate().getSpec())) {
            for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                if (SECRET_NAME.matcher(variable.getName()).matches()) {
                    assertNotNull(variable.getValueFrom(), name + ": " + variable.getName() + " is written inline");
                    assertNotNull(variable.getValueFrom().getSecretKeyRef(), name + ": " + variable.getName() + " is not from a Secret");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPkiVariableIsAnOptionTheServerReads(String name) {
        RenderedOverlay overlay = Overlays.rendered(name);
        PkiEnvironment known = PkiEnvironment.ofPkiConfig();
        Stream.concat(Overlays.plainEnvironment(overlay).keySet().stream(),
                        Optional.ofNullable(Overlays.serverContainer(overlay).getEnv()).orElse(List.of()).stream().map(EnvVar::getName))
                .forEach(variable -> assertTrue(variable.startsWith("PKI_") && known.knows(variable),
                        name + ": " + variable + " is not an option of PkiConfig"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void thePublicBaseUrlNamesTheHttpService(String name) {
        RenderedOverlay overlay = Overlays.rendered(name);
        URI base = URI.create(Overlays.plainEnvironment(overlay).get("PKI_PUBLIC_BASE_URL"));
        assertEquals("http", base.getScheme(), name + ": RADIUS servers fetch OCSP over plain HTTP");
        Service http = overlay.one(Service.class, "pumppki-http");
        String namespace = http.getMetadata().getNamespace();
        Set<String> serviceHosts = Set.of(
                Optional.ofNullable(http.getMetadata().getAnnotations()).orElse(Map.of())
                        .getOrDefault("external-dns.alpha.kubernetes.io/hostname", "pumppki-http"),
                "pumppki-http." + namespace + ".svc", "pumppki-http." + namespace + ".svc.cluster.local");
        assertTrue(serviceHosts.contains(base.getHost()), name + ": " + base + " is not the pumppki-http Service " + serviceHosts);
        int port = base.getPort() == -1 ? 80 : base.getPort();
        ServicePort servicePort = http.getSpec().getPorts().stream().filter(p -> p.getPort() == port).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": pumppki-http has no port " + port));
        assertEquals(new IntOrString("http"), servicePort.getTargetPort(), name + ": the public URL reaches quarkus.http.port");
        assertTrue(base.getPath().isEmpty() || base.getPath().equals("/"), name + ": " + base);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theServerUsesTheCloudNativePgClusterNotAnEmbeddedDatabase(String name) {
        RenderedOverlay overlay = Overlays.rendered(name);
        String url = Overlays.plainEnvironment(overlay).get("PKI_DB_URL");
        assertNotNull(url, name + ": without PKI_DB_URL every pod would start its own embedded PostgreSQL");
        assertTrue(url.startsWith("jdbc:postgresql://pumppki-db-rw:5432/pumppki"), name + ": " + url);
        assertTrue(url.contains("sslmode=verify-full"), name + ": " + url);
        Container server = Overlays.serverContainer(overlay);
        // The owner migrates; the server works as the managed role that owns nothing.
        Map<String, String> secrets = Map.of("PKI_DB_MIGRATION_USERNAME", "pumppki-db-app", "PKI_DB_MIGRATION_PASSWORD", "pumppki-db-app",
                "PKI_DB_USERNAME", "pumppki-db-runtime", "PKI_DB_PASSWORD", "pumppki-db-runtime");
        secrets.forEach((variable, secret) -> {
            EnvVar env = server.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": " + variable + " missing"));
            assertEquals(secret, env.getValueFrom().getSecretKeyRef().getName(), name + ": " + variable);
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> roles = (List<Map<String, Object>>) ((Map<String, Object>) overlay.customSpec("Cluster", "pumppki-db")
                .get("managed")).get("roles");
        assertTrue(roles.stream().anyMatch(role -> Map.of("name", "pumppki-db-runtime").equals(role.get("passwordSecret"))),
                name + ": the Cluster does not manage the role of pumppki-db-runtime");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theGracePeriodCoversPreStopAndTheServersDrain(String name) {
        RenderedOverlay overlay = Overlays.rendered(name);
        Map<String, String> environment = Overlays.plainEnvironment(overlay);
        List<String> preStop = Overlays.serverContainer(overlay).getLifecycle().getPreStop().getExec().getCommand();
        assertEquals("sleep", preStop.get(0), name);
        Duration needed = Duration.ofSeconds(Long.parseLong(preStop.get(1)))
                .plus(Overlays.duration(environment.getOrDefault("PKI_SHUTDOWN_DELAY", "0s")))
                .plus(Overlays.duration(environment.getOrDefault("PKI_SHUTDOWN_DRAIN_TIMEOUT", "5s")))
                // the scheduled jobs end, OCSP lookup counts are written, the datasource closes
                .plusSeconds(10);
        long grace = overlay.server().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertTrue(grace >= needed.toSeconds(), name + ": terminationGracePeriodSeconds " + grace + " < " + needed.toSeconds());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void aNetworkPolicyLimitsEgressToNamedDestinations(String name) {
        RenderedOverlay overlay = Overlays.rendered(name);
        NetworkPolicy main = overlay.one(NetworkPolicy.class, "pumppki");
        assertEquals(List.of("Ingress", "Egress"), main.getSpec().getPolicyTypes(), name);
        Map<String, String> podLabels = overlay.server().getSpec().getTemplate().getMetadata().getLabels();
        for (NetworkPolicy policy : overlay.all(NetworkPolicy.class)) {
            assertTrue(podLabels.entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()),
                    name + ": " + policy.getMetadata().getName() + " does not select the server pods");
            for (NetworkPolicyEgressRule rule : Optional.ofNullable(policy.getSpec().getEgress()).orElse(List.of())) {
                assertFalse(rule.getTo() == null || rule.getTo().isEmpty(), name + ": egress to anywhere in " + policy.getMetadata().getName());
                assertFalse(rule.getPorts() == null || rule.getPorts().isEmpty(), name + ": egress on any port in " + policy.getMetadata().getName());
                rule.getTo().forEach(peer -> assertFalse(peer.getIpBlock() != null && peer.getIpBlock().getCidr().endsWith("/0"),
                        name + ": egress to the whole internet"));
            }
        }
        boolean database = main.getSpec().getEgress().stream().anyMatch(rule -> rule.getPorts().stream()
                .anyMatch(p -> p.getPort().getIntVal() == 5432) && rule.getTo().stream().anyMatch(peer -> peer.getPodSelector() != null
                && "pumppki-db".equals(peer.getPodSelector().getMatchLabels().get("cnpg.io/cluster"))));
        assertTrue(database, name + ": no egress to the CloudNativePG cluster");
    }

    static void assertHealthProbe(Probe probe, String path, String overlay) {
        assertNotNull(probe, overlay + ": probe on " + path + " missing");
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, overlay + ": " + path + " is not an HTTP probe");
        assertEquals(path, get.getPath(), overlay);
        assertEquals(new IntOrString("http"), get.getPort(), overlay + ": health is served on the plain HTTP port");
    }

    static List<Container> containers(PodSpec pod) {
        return Stream.concat(Optional.ofNullable(pod.getInitContainers()).orElse(List.of()).stream(), pod.getContainers().stream()).toList();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }
}
