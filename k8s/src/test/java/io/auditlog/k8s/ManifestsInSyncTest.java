package io.auditlog.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/**
 * k8s/manifests/all.yaml is the chart rendered with its default values, for those who do not use Helm.
 * This test keeps it in sync; {@code -Dk8s.manifests.update=true} rewrites it.
 */
class ManifestsInSyncTest {

    static final String UPDATE_PROPERTY = "k8s.manifests.update";
    static final String REGENERATE = "./mvnw -pl k8s test -Dtest=ManifestsInSyncTest -D" + UPDATE_PROPERTY + "=true";

    static final String HEADER = """
            # The audit-platform Helm chart (k8s/helm/audit-platform) rendered with its default values,
            # release name "%s", for those who do not use Helm: review database, oidc and ingress values first,
            # create the database Secret (see the chart's README), then: kubectl apply -n <namespace> -f all.yaml
            # Generated; do not edit. Regenerate after changing the chart:
            #   %s
            """.formatted(Chart.RELEASE, REGENERATE);

    static String expected() {
        return HEADER + Chart.template().strip() + "\n";
    }

    @Test
    void committedManifestsAreTheChartRenderedWithDefaultValues() throws IOException {
        String expected = expected();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(Chart.MANIFESTS_FILE.getParent());
            Files.writeString(Chart.MANIFESTS_FILE, expected);
        }
        assertTrue(Files.exists(Chart.MANIFESTS_FILE),
                Chart.MANIFESTS_FILE + " is missing; generate it with: " + REGENERATE);
        assertEquals(expected, Files.readString(Chart.MANIFESTS_FILE),
                "k8s/manifests/all.yaml is out of date with the chart; regenerate it with: " + REGENERATE);
    }

    @Test
    void renderingIsReproducible() {
        assertEquals(Chart.template(), Chart.template(), "two renderings differ: random or time-based values in the chart");
    }

    @Test
    void manifestsCarryNoTimestampsOrRandomValues() {
        String rendered = Chart.template();
        assertFalse(rendered.matches("(?s).*\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}.*"), "a timestamp in the rendered manifests");
        assertFalse(rendered.contains("checksum/"), "no checksum annotations are expected");
    }
}
