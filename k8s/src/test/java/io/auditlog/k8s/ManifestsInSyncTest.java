package io.auditlog.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/**
 * k8s/manifests/all.yaml is the chart rendered with its default values and k8s/manifests/values.yaml, for those who
 * do not use Helm, headed by the list of Secrets it needs.
 * This test keeps it in sync; {@code -Dk8s.manifests.update=true} rewrites it.
 */
class ManifestsInSyncTest {

    static final String UPDATE_PROPERTY = "k8s.manifests.update";
    static final String REGENERATE = "./mvnw -pl k8s test -Dtest=ManifestsInSyncTest -D" + UPDATE_PROPERTY + "=true";

    static final String HEADER = """
            # The audit-platform Helm chart (k8s/helm/audit-platform) rendered with its default values and
            # k8s/manifests/values.yaml (example database, issuer, audience and SMTP host: replace them), release name
            # "%s", for those who do not use Helm. Create the Secrets below first (see the chart's README and
            # docs/identity.md), then: kubectl apply -n <namespace> -f all.yaml
            # Secrets these manifests read:
            %s# Generated; do not edit. Regenerate after changing the chart or values.yaml:
            #   %s
            """;

    static String expected() {
        String rendered = Chart.template().strip() + "\n";
        return HEADER.formatted(Chart.RELEASE, secretsList(rendered), REGENERATE) + rendered;
    }

    /** "#   name: key, key" per Secret that the rendered manifests reference (env, volumes, Ingress TLS). */
    static String secretsList(String rendered) {
        java.util.Map<String, java.util.Set<String>> secrets = new java.util.TreeMap<>();
        java.util.regex.Matcher ref = java.util.regex.Pattern
                .compile("secretKeyRef:\\s+name: (\\S+)\\s+key: (\\S+)").matcher(rendered);
        while (ref.find()) {
            secrets.computeIfAbsent(ref.group(1), k -> new java.util.TreeSet<>()).add(ref.group(2));
        }
        java.util.regex.Matcher volume = java.util.regex.Pattern
                .compile("secretName: (\\S+)\\s+items:\\s+- key: (\\S+)").matcher(rendered);
        while (volume.find()) {
            secrets.computeIfAbsent(volume.group(1), k -> new java.util.TreeSet<>()).add(volume.group(2));
        }
        java.util.regex.Matcher tls = java.util.regex.Pattern.compile("(?m)^      secretName: (\\S+)$").matcher(rendered);
        while (tls.find()) {
            secrets.computeIfAbsent(tls.group(1), k -> new java.util.TreeSet<>()).addAll(java.util.List.of("tls.crt", "tls.key"));
        }
        StringBuilder list = new StringBuilder();
        secrets.forEach((name, keys) -> list.append("#   ").append(name).append(": ").append(String.join(", ", keys)).append('\n'));
        return list.toString();
    }

    @Test
    void committedManifestsAreTheChartRenderedWithTheExampleValues() throws IOException {
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
    void theHeaderListsEverySecretTheManifestsNeed() {
        String header = expected().substring(0, expected().indexOf("---"));
        for (String secret : java.util.List.of("audit-platform-db: password, username", "audit-platform-db-ca: ca.crt",
                "audit-platform-export-client: client-id, client-secret",
                "audit-platform-notification-client: client-id, client-secret",
                "audit-platform-analytics-client: client-id, client-secret", "audit-platform-tls: tls.crt, tls.key")) {
            assertTrue(header.contains("#   " + secret + "\n"), () -> "missing " + secret + " in:\n" + header);
        }
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
