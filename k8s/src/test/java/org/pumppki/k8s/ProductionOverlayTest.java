package org.pumppki.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What production adds: enough replicas to lose some, a replicated database, monitoring. */
class ProductionOverlayTest {

    static Stream<String> production() {
        return Overlays.production();
    }

    @ParameterizedTest
    @MethodSource("production")
    void atLeastThreeReplicasRollOutWithoutLosingOne(String name) {
        Deployment server = Overlays.rendered(name).server();
        assertTrue(server.getSpec().getReplicas() >= 3, name + ": replicas " + server.getSpec().getReplicas());
        assertEquals("RollingUpdate", server.getSpec().getStrategy().getType(), name);
        assertEquals(0, server.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal(), name + ": maxUnavailable");
    }

    @ParameterizedTest
    @MethodSource("production")
    void disruptionsLeaveTwoReplicasAndTheAutoscalerStaysAboveThat(String name) {
        RenderedOverlay overlay = Overlays.rendered(name);
        PodDisruptionBudget budget = overlay.one(PodDisruptionBudget.class, "pumppki");
        Map<String, String> podLabels = overlay.server().getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()), name);
        assertNotNull(budget.getSpec().getMinAvailable(), name + ": the budget must say how many stay, whatever the count");
        int minAvailable = budget.getSpec().getMinAvailable().getIntVal();
        assertTrue(minAvailable >= 2, name + ": a drain may leave " + minAvailable + " OCSP replica(s)");

        HorizontalPodAutoscaler autoscaler = overlay.one(HorizontalPodAutoscaler.class, "pumppki");
        assertEquals("Deployment", autoscaler.getSpec().getScaleTargetRef().getKind(), name);
        assertEquals("pumppki", autoscaler.getSpec().getScaleTargetRef().getName(), name);
        int minReplicas = autoscaler.getSpec().getMinReplicas();
        assertTrue(minReplicas >= 3, name + ": minReplicas " + minReplicas);
        // Strictly above: at minReplicas a node drain can still evict one pod.
        assertTrue(minReplicas > minAvailable, name + ": minReplicas " + minReplicas + " <= minAvailable " + minAvailable);
        assertTrue(autoscaler.getSpec().getMaxReplicas() >= minReplicas, name);
        assertTrue(autoscaler.getSpec().getMetrics().stream().anyMatch(metric -> metric.getResource() != null
                && metric.getResource().getName().equals("cpu")), name + ": the autoscaler follows CPU");
        assertTrue(overlay.server().getSpec().getReplicas() >= minReplicas, name);
    }

    @ParameterizedTest
    @MethodSource("production")
    void replicasSpreadOverNodesAndZonesWithSizedResources(String name) {
        var pod = Overlays.rendered(name).server().getSpec().getTemplate().getSpec();
        Set<String> keys = pod.getTopologySpreadConstraints().stream().map(TopologySpreadConstraint::getTopologyKey).collect(Collectors.toSet());
        assertEquals(Set.of("kubernetes.io/hostname", "topology.kubernetes.io/zone"), keys, name);
        for (TopologySpreadConstraint constraint : pod.getTopologySpreadConstraints()) {
            assertEquals(Overlays.rendered(name).server().getSpec().getSelector().getMatchLabels(),
                    constraint.getLabelSelector().getMatchLabels(), name);
        }
        Container server = Overlays.serverContainer(Overlays.rendered(name));
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = server.getResources().getRequests().get(resource);
            Quantity limit = server.getResources().getLimits().get(resource);
            assertNotNull(request, name + ": no " + resource + " request");
            assertNotNull(limit, name + ": no " + resource + " limit");
            assertTrue(limit.getNumericalAmount().compareTo(request.getNumericalAmount()) >= 0, name + ": " + resource);
        }
    }

    @ParameterizedTest
    @MethodSource("production")
    void theDatabaseHasThreeInstancesAndScheduledBackups(String name) {
        RenderedOverlay overlay = Overlays.rendered(name);
        Map<String, Object> cluster = overlay.customSpec("Cluster", "pumppki-db");
        assertEquals(3, ((Number) cluster.get("instances")).intValue(), name);
        assertNotNull(cluster.get("backup"), name + ": the Cluster has no backup store");
        GenericKubernetesResource backup = overlay.all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("ScheduledBackup")).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no ScheduledBackup"));
        assertEquals(Map.of("name", "pumppki-db"), RenderedOverlay.spec(backup).get("cluster"), name);
        assertEquals(6, ((String) RenderedOverlay.spec(backup).get("schedule")).split(" ").length,
                name + ": CloudNativePG schedules have six fields, seconds first");
    }

    @ParameterizedTest
    @MethodSource("production")
    void httpsReachesThePodThroughTlsPassthroughOnlyFromTheIngressAndPrometheus(String name) {
        RenderedOverlay overlay = Overlays.rendered(name);
        Ingress ingress = overlay.one(Ingress.class, "pumppki");
        assertEquals("true", ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/ssl-passthrough"), name);
        List<String> hostNames = Arrays.asList(Overlays.plainEnvironment(overlay).get("PKI_TLS_HOST_NAMES").split(","));
        ingress.getSpec().getRules().forEach(rule -> {
            assertTrue(hostNames.contains(rule.getHost()), name + ": PumpPKI's certificate does not name " + rule.getHost());
            rule.getHttp().getPaths().forEach(path -> assertEquals("pumppki-https", path.getBackend().getService().getName(), name));
        });
        NetworkPolicy policy = overlay.one(NetworkPolicy.class, "pumppki");
        policy.getSpec().getIngress().stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(port -> port.getPort().getIntVal() == 8443))
                .forEach(rule -> assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), name + ": HTTPS open to everyone"));
    }

    @ParameterizedTest
    @MethodSource("production")
    void prometheusScrapesOverHttpsAndAlertsOnOcspFlagsAndCrls(String name) {
        RenderedOverlay overlay = Overlays.rendered(name);
        Map<String, Object> monitor = overlay.customSpec("ServiceMonitor", "pumppki");
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = ((List<Map<String, Object>>) monitor.get("endpoints")).get(0);
        assertEquals("https", endpoint.get("scheme"), name + ": metrics are served over HTTPS only");
        assertEquals("/q/metrics", endpoint.get("path"), name);
        assertNotNull(endpoint.get("basicAuth"), name + ": metrics need an auditor or admin account");
        @SuppressWarnings("unchecked")
        String serverName = (String) ((Map<String, Object>) endpoint.get("tlsConfig")).get("serverName");
        assertTrue(Arrays.asList(Overlays.plainEnvironment(overlay).get("PKI_TLS_HOST_NAMES").split(",")).contains(serverName),
                name + ": PumpPKI's certificate does not name " + serverName);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) overlay.customSpec("PrometheusRule", "pumppki").get("groups");
        @SuppressWarnings("unchecked")
        String expressions = groups.stream().flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream())
                .map(rule -> rule.get("alert") + ": " + rule.get("expr")).collect(Collectors.joining("\n"));
        for (String metric : List.of("pki_ocsp_degraded", "pumppki_flags_open{severity=\"critical\"}", "pki_crl_next_update_seconds")) {
            assertTrue(expressions.contains(metric), name + ": no alert on " + metric + " in\n" + expressions);
        }
    }
}
