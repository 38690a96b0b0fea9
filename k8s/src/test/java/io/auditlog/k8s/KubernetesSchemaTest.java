package io.auditlog.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marcnuri.helm.Helm;

/**
 * Every object the chart renders is a valid Kubernetes object by Kubernetes' own API schema ({@link KubernetesSchema}):
 * the plain manifests (the chart's defaults with the example values) and the chart with every option switched on
 * (all services, autoscaling, ServiceMonitors). And the check bites: a rendered object with a misspelt field, a
 * field in the wrong place, a value of the wrong type or an apiVersion no supported Kubernetes serves fails it.
 */
class KubernetesSchemaTest {

    @Test
    void everyObjectOfThePlainManifestsIsValid() {
        List<Map<String, Object>> objects = Chart.render().documents();
        assertFalse(objects.isEmpty());
        assertEquals(List.of(), KubernetesSchema.violations(objects));
    }

    @Test
    void everyObjectWithEveryOptionSwitchedOnIsValid(@TempDir Path workDir) throws Exception {
        List<Map<String, Object>> objects = Chart.render(
                Files.readString(Path.of("src/test/resources/values-all-services.yaml")), workDir).documents();
        Set<String> kinds = objects.stream().map(o -> (String) o.get("kind")).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of("Deployment", "Service", "Ingress", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "ServiceMonitor", "ServiceAccount")), "every kind is checked: " + kinds);
        assertEquals(List.of(), KubernetesSchema.violations(objects));
    }

    @Test
    void aMisspeltFieldFails() {
        List<String> violations = deploymentWith(d -> container(d).put("imagePullPolicyy", "Always"));
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("imagePullPolicyy is not a field of Container"), violations.toString());
    }

    @Test
    void aFieldInTheWrongPlaceFails() {
        // replicas belongs to the Deployment's spec, not to its pod template's
        List<String> violations = deploymentWith(d -> Chart.Node.of(d).at("spec", "template", "spec").map()
                .put("replicas", 2));
        assertTrue(violations.stream().anyMatch(v -> v.contains("replicas is not a field of PodSpec")),
                violations.toString());
    }

    @Test
    void aValueOfTheWrongTypeFails() {
        assertFalse(deploymentWith(d -> Chart.Node.of(d).at("spec").map().put("replicas", "two")).isEmpty());
        assertFalse(deploymentWith(d -> Chart.Node.of(d).at("spec").map().put("replicas", "2")).isEmpty(),
                "a number as a string is refused, as the API server refuses it");
        assertFalse(deploymentWith(d -> Chart.Node.of(d).at("metadata", "labels").map().put("version", 1)).isEmpty(),
                "a label value must be a string");
        assertFalse(deploymentWith(d -> container(d).put("ports", Map.of("containerPort", 8081))).isEmpty(),
                "ports is a list");
    }

    @Test
    void anApiVersionNoSupportedKubernetesServesFails() {
        List<String> violations = deploymentWith(d -> d.put("apiVersion", "extensions/v1beta1"));
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("is not an API of the supported Kubernetes versions"),
                violations.toString());
        assertFalse(deploymentWith(d -> d.put("kind", "Deployments")).isEmpty());
    }

    @Test
    void theUnchangedDeploymentPasses() {
        assertEquals(List.of(), deploymentWith(d -> {
        }), "the changes above are what fails, not the copy");
    }

    @Test
    void aClusterOlderThanTheSupportedVersionsIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new Helm(Chart.CHART_DIR)
                .template().withKubeVersion("1.22.0").withName(Chart.RELEASE).withValuesFile(Chart.EXAMPLE_VALUES)
                .call());
        assertTrue(refused.getMessage().contains("chart requires kubeVersion: >=1.23.0-0"), refused.getMessage());
        assertFalse(new Helm(Chart.CHART_DIR).template().withKubeVersion("1.33.0").withName(Chart.RELEASE)
                .withValuesFile(Chart.EXAMPLE_VALUES).call().isEmpty(), "the newest validated version renders");
    }

    /** The violations of the rendered audit-service Deployment (a fresh copy) after {@code change}. */
    private static List<String> deploymentWith(Consumer<Map<String, Object>> change) {
        Map<String, Object> deployment = Chart.render().ofKind("Deployment").stream()
                .filter(d -> "audit-service".equals(Chart.Node.of(d).at("metadata", "name").string())).findFirst()
                .orElseThrow();
        change.accept(deployment);
        return KubernetesSchema.violations(deployment);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> deployment) {
        return (Map<String, Object>) Chart.Node.of(deployment).at("spec", "template", "spec", "containers", 0).value();
    }
}
