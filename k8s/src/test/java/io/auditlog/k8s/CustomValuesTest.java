package io.auditlog.k8s;

import static io.auditlog.k8s.DefaultValuesTest.assertNoInlinedSecrets;
import static io.auditlog.k8s.DefaultValuesTest.assertNoInternalRoute;
import static io.auditlog.k8s.DefaultValuesTest.env;
import static io.auditlog.k8s.DefaultValuesTest.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.auditlog.k8s.Chart.Node;
import io.auditlog.k8s.Chart.Rendered;

/**
 * The chart with non-default values (src/test/resources/values-all-services.yaml): the four services of the
 * architecture as they will be added, autoscaling, ServiceMonitors, SMTP, a private registry.
 */
class CustomValuesTest {

    static final List<String> SERVICES = List.of("analytics-service", "audit-service", "export-service",
            "notification-service");

    @TempDir
    static Path workDir;
    static Rendered rendered;

    @BeforeAll
    static void render() throws IOException {
        rendered = Chart.render(Files.readString(Path.of("src/test/resources/values-all-services.yaml")), workDir);
    }

    static Node container(String service) {
        return rendered.get("Deployment", service).at("spec", "template", "spec", "containers", 0);
    }

    @Test
    void everyEnabledServiceIsRenderedAndTheDisabledOneIsNot() {
        assertEquals(SERVICES, rendered.namesOf("Deployment"));
        assertEquals(SERVICES, rendered.namesOf("Service"));
        assertEquals(SERVICES, rendered.namesOf("PodDisruptionBudget"));
        assertFalse(rendered.summary().contains("not-built-service"));
        assertEquals(8082, rendered.get("Service", "export-service").at("spec", "ports", 0, "port").value());
        assertEquals(8083, container("notification-service").at("ports", 0, "containerPort").value());
        assertEquals("8084", env(container("analytics-service")).get("QUARKUS_HTTP_PORT").at("value").value());
    }

    @Test
    void ingressRoutesEachApiPrefixToItsOwningServiceAndNothingInternal() {
        Node ingress = rendered.get("Ingress", "audit-platform");
        assertEquals(Chart.API_ROUTES, routes(ingress));
        assertNoInternalRoute(ingress);
        assertEquals("nginx", ingress.at("spec", "ingressClassName").value());
        assertEquals("audit.example.org", ingress.at("spec", "rules", 0, "host").value());
        assertEquals("audit-example-org-tls", ingress.at("spec", "tls", 0, "secretName").value());
        assertEquals(List.of("audit.example.org"), ingress.at("spec", "tls", 0, "hosts").value());
        assertEquals("32m", ingress.at("metadata", "annotations").map().get("nginx.ingress.kubernetes.io/proxy-body-size"));
    }

    @Test
    void autoscalersExistOnlyWhereEnabledAndTheirDeploymentsLeaveReplicasToThem() {
        assertEquals(List.of("audit-service", "export-service", "notification-service"),
                rendered.namesOf("HorizontalPodAutoscaler"), "analytics-service switches autoscaling off");
        Node hpa = rendered.get("HorizontalPodAutoscaler", "export-service");
        assertEquals("Deployment", hpa.at("spec", "scaleTargetRef", "kind").value());
        assertEquals("export-service", hpa.at("spec", "scaleTargetRef", "name").value());
        assertEquals(2, hpa.at("spec", "minReplicas").value());
        assertEquals(10, hpa.at("spec", "maxReplicas").value());
        assertEquals("cpu", hpa.at("spec", "metrics", 0, "resource", "name").value());
        assertEquals(60, hpa.at("spec", "metrics", 0, "resource", "target", "averageUtilization").value());
        assertEquals("memory", hpa.at("spec", "metrics", 1, "resource", "name").value());
        assertEquals(80, hpa.at("spec", "metrics", 1, "resource", "target", "averageUtilization").value());

        assertFalse(rendered.get("Deployment", "export-service").at("spec", "replicas").exists());
        assertFalse(rendered.get("Deployment", "audit-service").at("spec", "replicas").exists());
        assertEquals(1, rendered.get("Deployment", "analytics-service").at("spec", "replicas").value());
    }

    @Test
    void serviceMonitorsScrapeEveryServicesMetrics() {
        assertEquals(SERVICES, rendered.namesOf("ServiceMonitor"));
        Node monitor = rendered.get("ServiceMonitor", "notification-service");
        assertEquals("prometheus", monitor.at("metadata", "labels").map().get("release"));
        assertEquals("/q/metrics", monitor.at("spec", "endpoints", 0, "path").value());
        assertEquals("http", monitor.at("spec", "endpoints", 0, "port").value());
        assertEquals(rendered.get("Service", "notification-service").at("spec", "selector").map(),
                monitor.at("spec", "selector", "matchLabels").map());
    }

    @Test
    void disruptionBudgetOfAServiceMayOverrideTheDefault() {
        Node audit = rendered.get("PodDisruptionBudget", "audit-service");
        assertEquals(2, audit.at("spec", "minAvailable").value());
        assertFalse(audit.at("spec", "maxUnavailable").exists());
        assertEquals(1, rendered.get("PodDisruptionBudget", "export-service").at("spec", "maxUnavailable").value());
    }

    @Test
    void imagesComeFromTheConfiguredRegistryAndTags() {
        assertEquals("registry.example.com:5000/auditlog/export-service:2.0.0", container("export-service").at("image").value());
        assertEquals("registry.example.com:5000/auditlog/notification-service:2.0.1",
                container("notification-service").at("image").value());
        assertEquals("Always", container("audit-service").at("imagePullPolicy").value());
        assertEquals("registry-credentials", rendered.get("Deployment", "audit-service")
                .at("spec", "template", "spec", "imagePullSecrets", 0, "name").value());
    }

    @Test
    void everyServiceGetsTheDatabaseFromTheSecretAndItsOwnSettings() {
        for (String service : SERVICES) {
            Map<String, Node> env = env(container(service));
            assertEquals("postgresql://pg.db.svc.cluster.local:6432/audit?sslmode=require",
                    env.get("QUARKUS_DATASOURCE_REACTIVE_URL").at("value").value(), service);
            assertEquals("jdbc:postgresql://pg.db.svc.cluster.local:6432/audit?sslmode=require",
                    env.get("QUARKUS_DATASOURCE_JDBC_URL").at("value").value(), service);
            assertEquals(Map.of("name", "pg-app", "key", "pass"),
                    env.get("QUARKUS_DATASOURCE_PASSWORD").at("valueFrom", "secretKeyRef").map(), service);
            assertEquals(Map.of("name", "pg-app", "key", "user"),
                    env.get("QUARKUS_DATASOURCE_USERNAME").at("valueFrom", "secretKeyRef").map(), service);
            assertEquals("https://login.example.org/realms/acme", env.get("QUARKUS_OIDC_AUTH_SERVER_URL").at("value").value());
            assertEquals("audit-platform", env.get("QUARKUS_OIDC_TOKEN_AUDIENCE").at("value").value());
            assertEquals("https://login.example.org/realms/acme", env.get("QUARKUS_OIDC_TOKEN_ISSUER").at("value").value());
            assertEquals("tenant", env.get("PLATFORM_TENANCY_ACCOUNT_CLAIM").at("value").value());
        }
        Map<String, Node> audit = env(container("audit-service"));
        assertEquals("90", audit.get("AUDIT_RETENTION_DAYS").at("value").value());
        assertEquals("1000000", audit.get("AUDIT_INGEST_MAX_BATCH").at("value").value(), "whole numbers without exponent");
        assertFalse(audit.containsKey("EXPORT_RETENTION"));
        Map<String, Node> export = env(container("export-service"));
        assertEquals("P7D", export.get("EXPORT_RETENTION").at("value").value());
        assertFalse(export.containsKey("AUDIT_RETENTION_DAYS"));
    }

    @Test
    void onlyTheServiceThatUsesSmtpGetsTheMailerWithCredentialsFromTheSecret() {
        Map<String, Node> env = env(container("notification-service"));
        assertEquals("smtp.example.org", env.get("QUARKUS_MAILER_HOST").at("value").value());
        assertEquals("465", env.get("QUARKUS_MAILER_PORT").at("value").value());
        assertEquals("true", env.get("QUARKUS_MAILER_TLS").at("value").value());
        assertEquals("DISABLED", env.get("QUARKUS_MAILER_START_TLS").at("value").value());
        assertEquals("alerts@example.org", env.get("QUARKUS_MAILER_FROM").at("value").value());
        assertEquals(Map.of("name", "smtp-credentials", "key", "password"),
                env.get("QUARKUS_MAILER_PASSWORD").at("valueFrom", "secretKeyRef").map());
        assertEquals(Map.of("name", "smtp-credentials", "key", "username"),
                env.get("QUARKUS_MAILER_USERNAME").at("valueFrom", "secretKeyRef").map());
        assertFalse(env.get("QUARKUS_MAILER_PASSWORD").at("value").exists());
        assertEquals("DEBUG", env.get("QUARKUS_LOG_LEVEL").at("value").value());
        assertNoInlinedSecrets(rendered);
        for (String other : List.of("audit-service", "export-service", "analytics-service")) {
            assertTrue(env(container(other)).keySet().stream().noneMatch(name -> name.startsWith("QUARKUS_MAILER_")), other);
        }
    }

    @Test
    void ingressTakesTheOperatorsBodySizeAnnotationsAndTlsSecret() {
        Node ingress = rendered.get("Ingress", "audit-platform");
        Map<String, Object> annotations = ingress.at("metadata", "annotations").map();
        assertEquals("32m", annotations.get("nginx.ingress.kubernetes.io/proxy-body-size"));
        assertEquals("true", annotations.get("nginx.ingress.kubernetes.io/ssl-redirect"));
        assertEquals("audit-example-org-tls", ingress.at("spec", "tls", 0, "secretName").value());
        assertEquals(List.of("audit.example.org"), ingress.at("spec", "tls", 0, "hosts").list());
    }

    @Test
    void withoutACaCertificateNothingIsMountedAndTheUrlsKeepTheirSslMode() {
        for (String service : SERVICES) {
            Map<String, Node> env = env(container(service));
            assertFalse(env.containsKey("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM"), service);
            assertEquals(1, container(service).at("volumeMounts").list().size(), service + ": only /tmp");
            assertFalse(env.containsKey("AUDIT_INTEGRITY_SIGNING_KEY_FILE"), service + ": no signing key");
            assertFalse(env.containsKey("EXPORT_INTEGRITY_SIGNING_KEY_FILE"), service + ": no signing key");
        }
    }

    @Test
    void namePrefixRenamesEveryServicesResourcesAndTheirRoutes(@TempDir Path dir) {
        Rendered prefixed = Chart.render("namePrefix: acme-\n", dir);
        List<String> names = List.of("acme-analytics-service", "acme-audit-service", "acme-console",
                "acme-export-service", "acme-notification-service");
        assertEquals(names, prefixed.namesOf("Deployment"));
        assertEquals(names, prefixed.namesOf("Service"));
        assertEquals(Set.copyOf(names),
                Set.copyOf(routes(prefixed.get("Ingress", "audit-platform")).values()));
        // The console forwards to the services under their prefixed names.
        assertEquals("http://acme-audit-service:8081", env(prefixed.get("Deployment", "acme-console")
                .at("spec", "template", "spec", "containers", 0)).get("CONSOLE_SERVICES_AUDIT_URL").at("value").value());
    }

    @Test
    void theRestoreEncryptionKeyComesFromItsSecretAndOnlyToTheAuditService(@TempDir Path dir) {
        Rendered rendered = Chart.render("services:\n  audit-service:\n    restoreEncryptionKey:\n"
                + "      existingSecret: audit-restore-key\n      key: aes-key\n", dir);
        Node audit = rendered.get("Deployment", "audit-service").at("spec", "template", "spec", "containers", 0);
        assertEquals(Map.of("name", "audit-restore-key", "key", "aes-key"),
                env(audit).get("AUDIT_RESTORE_ENCRYPTION_KEY").at("valueFrom", "secretKeyRef").map());
        Node export = rendered.get("Deployment", "export-service").at("spec", "template", "spec", "containers", 0);
        assertFalse(env(export).containsKey("AUDIT_RESTORE_ENCRYPTION_KEY"));
        // by default no key: the Secret is not required, and registering a restore endpoint answers 503
        Node byDefault = Chart.render().get("Deployment", "audit-service")
                .at("spec", "template", "spec", "containers", 0);
        assertFalse(env(byDefault).containsKey("AUDIT_RESTORE_ENCRYPTION_KEY"));
    }

    @Test
    void onlyTheConsoleMayHaveTheRootPath(@TempDir Path dir) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Chart.render(
                "services:\n  audit-service:\n    ingress:\n      paths: [/]\n", dir));
        assertTrue(refused.getMessage().contains("services.audit-service.ingress.paths: / is the console's path only"),
                refused.getMessage());
    }

    @Test
    void ingressAndServiceMonitorCanBeSwitchedOff(@TempDir Path dir) {
        Rendered rendered = Chart.render("ingress: {enabled: false}\nmetrics: {annotations: false}\n", dir);
        assertTrue(rendered.ofKind("Ingress").isEmpty());
        assertFalse(rendered.get("Deployment", "audit-service").at("spec", "template", "metadata", "annotations").exists());
    }

    @Test
    void inconsistentValuesThatTheSchemaCannotSeeFailTheRendering(@TempDir Path dir) {
        String smtpWithoutHost = """
                smtp:
                  host: ""
                services:
                  audit-service:
                    uses: [database, oidc, smtp]
                """;
        assertTrue(assertThrows(IllegalStateException.class, () -> Chart.template(smtpWithoutHost, dir)).getMessage()
                .contains("smtp.host is required: services.audit-service sends mail"));

        String pathClaimedTwice = """
                services:
                  export-service:
                    enabled: true
                    port: 8082
                    replicas: 1
                    uses: [database]
                    ingress: {paths: [/api/v1/events]}
                    resources: {requests: {cpu: 100m}}
                """;
        assertTrue(assertThrows(IllegalStateException.class, () -> Chart.template(pathClaimedTwice, dir)).getMessage()
                .contains("/api/v1/events is claimed by both"));

        String minAboveMax = "autoscaling: {enabled: true, minReplicas: 5, maxReplicas: 3}\n";
        assertTrue(assertThrows(IllegalStateException.class, () -> Chart.template(minAboveMax, dir)).getMessage()
                .contains("minReplicas (5) is greater than maxReplicas (3)"));
    }
}
