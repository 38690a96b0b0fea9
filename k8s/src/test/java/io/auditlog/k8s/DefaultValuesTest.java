package io.auditlog.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.marcnuri.helm.LintResult;

import io.auditlog.k8s.Chart.Node;
import io.auditlog.k8s.Chart.Rendered;

/**
 * The chart with its default values and the example values of k8s/manifests/values.yaml (the values an install
 * cannot do without): what k8s/manifests/all.yaml is.
 */
class DefaultValuesTest {

    static Rendered rendered;
    static Map<String, Object> values;
    static Map<String, Object> enabledServices;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void render() {
        rendered = Chart.render();
        values = Chart.loadYaml(Chart.CHART_DIR.resolve("values.yaml"));
        enabledServices = new TreeMap<>();
        ((Map<String, Object>) values.get("services")).forEach((name, service) -> {
            if (Boolean.TRUE.equals(((Map<String, Object>) service).get("enabled"))) {
                enabledServices.put(name, service);
            }
        });
    }

    @Test
    void lintPassesStrictly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        LintResult lint = Chart.lint(dir);
        assertFalse(lint.isFailed(), () -> "helm lint --strict: " + lint.getMessages());
    }

    @Test
    void onlyTheBuiltServicesAreShipped() {
        assertEquals(List.of("analytics-service", "audit-service", "console", "export-service", "notification-service"),
                List.copyOf(enabledServices.keySet()),
                "a service that does not exist yet is not in the chart yet");
    }

    @Test
    void everyEnabledServiceHasDeploymentServiceAndDisruptionBudget() {
        for (String service : enabledServices.keySet()) {
            rendered.get("Deployment", service);
            rendered.get("Service", service);
            rendered.get("PodDisruptionBudget", service);
        }
        assertEquals(List.copyOf(enabledServices.keySet()), rendered.namesOf("Deployment"));
        assertEquals(List.copyOf(enabledServices.keySet()), rendered.namesOf("Service"));
        assertEquals(List.copyOf(enabledServices.keySet()), rendered.namesOf("PodDisruptionBudget"));
    }

    @Test
    void auditServiceListensOn8081AndServiceSelectsItsPods() {
        Node deployment = rendered.get("Deployment", "audit-service");
        Node container = deployment.at("spec", "template", "spec", "containers", 0);
        assertEquals(8081, container.at("ports", 0, "containerPort").value());
        assertEquals("http", container.at("ports", 0, "name").value());
        assertEquals("8081", env(container).get("QUARKUS_HTTP_PORT").at("value").value());

        Node service = rendered.get("Service", "audit-service");
        assertEquals(8081, service.at("spec", "ports", 0, "port").value());
        assertEquals("http", service.at("spec", "ports", 0, "targetPort").value());
        Map<String, Object> podLabels = deployment.at("spec", "template", "metadata", "labels").map();
        service.at("spec", "selector").map().forEach((key, value) -> assertEquals(value, podLabels.get(key), key));
        assertEquals(service.at("spec", "selector").map(), deployment.at("spec", "selector", "matchLabels").map());
    }

    /**
     * Each JVM's heap is stated (the image's run-java.sh would take 80% of the limit) and leaves at least 192 MiB of
     * the memory limit to the rest of the JVM: the audit-service used about 240 MB beside its heap under full load.
     */
    @Test
    void everyServiceStatesItsHeapAndLeavesRoomUnderItsMemoryLimit() {
        for (String service : List.of("audit-service", "export-service", "notification-service", "analytics-service",
                "console")) {
            Node container = rendered.get("Deployment", service).at("spec", "template", "spec", "containers", 0);
            int percent = Integer.parseInt((String) env(container).get("JAVA_MAX_MEM_RATIO").at("value").value());
            String limit = (String) container.at("resources", "limits", "memory").value();
            assertTrue(limit.endsWith("Mi"), service + " " + limit);
            int mebibytes = Integer.parseInt(limit.substring(0, limit.length() - 2));
            assertTrue(percent >= 10 && percent <= 80, service + " " + percent);
            assertTrue(mebibytes - mebibytes * percent / 100 >= 192, service + ": " + percent + "% of " + limit);
        }
    }

    @Test
    void probesUseTheQuarkusHealthEndpoints() {
        Node container = rendered.get("Deployment", "audit-service").at("spec", "template", "spec", "containers", 0);
        assertEquals("/q/health/live", container.at("livenessProbe", "httpGet", "path").value());
        assertEquals("/q/health/ready", container.at("readinessProbe", "httpGet", "path").value());
        assertEquals("/q/health/started", container.at("startupProbe", "httpGet", "path").value());
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertEquals("http", container.at(probe, "httpGet", "port").value(), probe);
        }
        // Flyway migrates at start: the startup probe gives it minutes, not the liveness probe's seconds.
        int startupSeconds = (Integer) container.at("startupProbe", "periodSeconds").value()
                * (Integer) container.at("startupProbe", "failureThreshold").value();
        assertTrue(startupSeconds >= 120, "startup probe allows only " + startupSeconds + "s");
    }

    @Test
    void databaseCredentialsAreReferencedFromTheSecretNeverInlined() {
        Node container = rendered.get("Deployment", "audit-service").at("spec", "template", "spec", "containers", 0);
        Map<String, Node> env = env(container);
        for (String name : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            Node variable = env.get(name);
            assertNotNull(variable, name);
            assertFalse(variable.at("value").exists(), name + " must not carry a value");
            assertEquals("audit-platform-db", variable.at("valueFrom", "secretKeyRef", "name").value());
        }
        assertEquals("username", env.get("QUARKUS_DATASOURCE_USERNAME").at("valueFrom", "secretKeyRef", "key").value());
        assertEquals("password", env.get("QUARKUS_DATASOURCE_PASSWORD").at("valueFrom", "secretKeyRef", "key").value());
        assertEquals("postgresql://postgresql.example.internal:5432/auditlog?sslmode=verify-full",
                env.get("QUARKUS_DATASOURCE_REACTIVE_URL").at("value").value());
        assertEquals("jdbc:postgresql://postgresql.example.internal:5432/auditlog?sslmode=verify-full"
                + "&sslrootcert=/etc/audit-platform/database-ca/ca.crt", env.get("QUARKUS_DATASOURCE_JDBC_URL").at("value").value());
        assertTrue(rendered.ofKind("Secret").isEmpty(), "the chart creates no Secret: credentials come from an existing one");
    }

    @Test
    void noSecretLookingVariableHasAPlainValue() {
        assertNoInlinedSecrets(rendered);
    }

    @Test
    void oidcTenancyAndTheServicesOwnSettingsBecomeEnvironmentVariables() {
        Map<String, Node> env = env(rendered.get("Deployment", "audit-service").at("spec", "template", "spec", "containers", 0));
        assertEquals("https://keycloak.example.com/realms/audit-platform", env.get("QUARKUS_OIDC_AUTH_SERVER_URL").at("value").value());
        assertEquals("account_id", env.get("PLATFORM_TENANCY_ACCOUNT_CLAIM").at("value").value());
        assertEquals("400", env.get("AUDIT_RETENTION_DAYS").at("value").value());
        assertEquals("3", env.get("AUDIT_PARTITIONS_MONTHS_AHEAD").at("value").value());
        assertEquals("6h", env.get("AUDIT_PARTITIONS_CHECK_EVERY").at("value").value());
        assertEquals("audit-platform", env.get("QUARKUS_OIDC_TOKEN_AUDIENCE").at("value").value());
        assertFalse(env.keySet().stream().anyMatch(name -> name.startsWith("QUARKUS_OIDC_CLIENT_")),
                "the audit-service calls no other service: no client of its own");
        assertFalse(env.keySet().stream().anyMatch(name -> name.startsWith("QUARKUS_MAILER_")),
                "the audit-service sends no mail");
        assertFalse(env.keySet().stream().anyMatch(name -> name.startsWith("EXPORT_")),
                "export settings belong to the export-service");
    }

    @Test
    void eachCallingServiceGetsItsOwnClientIdAndSecretFromItsSecretAndNoStaticToken() {
        Map<String, String> secrets = Map.of("export-service", "audit-platform-export-client",
                "notification-service", "audit-platform-notification-client",
                "analytics-service", "audit-platform-analytics-client");
        secrets.forEach((service, secret) -> {
            Map<String, Node> env = env(rendered.get("Deployment", service).at("spec", "template", "spec", "containers", 0));
            assertEquals("https://keycloak.example.com/realms/audit-platform",
                    env.get("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL").at("value").value(), service);
            assertEquals(Map.of("name", secret, "key", "client-id"),
                    env.get("QUARKUS_OIDC_CLIENT_CLIENT_ID").at("valueFrom", "secretKeyRef").map(), service);
            assertEquals(Map.of("name", secret, "key", "client-secret"),
                    env.get("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET").at("valueFrom", "secretKeyRef").map(), service);
            assertFalse(env.containsKey("QUARKUS_OIDC_CLIENT_TOKEN_PATH"), "discovery finds the token endpoint");
            assertTrue(env.keySet().stream().noneMatch(name -> name.endsWith("_TOKEN")), service + ": a static token");
        });
        assertFalse(Chart.template().contains("_TOKEN\n"), "no static token variable anywhere");
    }

    @Test
    void theAnalyticsServiceGetsItsFeed() {
        Map<String, Node> env = env(rendered.get("Deployment", "analytics-service")
                .at("spec", "template", "spec", "containers", 0));
        assertEquals("http://audit-service:8081", env.get("ANALYTICS_AUDIT_URL").at("value").value());
        assertEquals("400", env.get("ANALYTICS_MAX_RANGE_DAYS").at("value").value());
        assertFalse(env.keySet().stream().anyMatch(name -> name.startsWith("QUARKUS_MAILER_")),
                "the analytics-service sends no mail");
    }

    @Test
    void theNotificationServiceGetsItsFeedsAndMailServer() {
        Map<String, Node> env = env(rendered.get("Deployment", "notification-service")
                .at("spec", "template", "spec", "containers", 0));
        assertEquals("http://audit-service:8081", env.get("NOTIFY_AUDIT_URL").at("value").value());
        assertEquals("http://export-service:8082", env.get("NOTIFY_EXPORTS_URL").at("value").value());
        assertEquals("smtp.example.com", env.get("QUARKUS_MAILER_HOST").at("value").value());
        assertEquals("REQUIRED", env.get("QUARKUS_MAILER_START_TLS").at("value").value());
        assertEquals("https://audit.example.com/log", env.get("NOTIFY_LINKS_EVENTS_URL").at("value").value());
        assertEquals("https://audit.example.com/reports", env.get("NOTIFY_LINKS_EXPORTS_URL").at("value").value());
        assertEquals("https://audit.example.com/settings", env.get("NOTIFY_LINKS_SETTINGS_URL").at("value").value());
        assertEquals("10", env.get("NOTIFY_ALERTS_DEFAULT_EXPORT_THRESHOLD").at("value").value());
        assertEquals("P180D", env.get("NOTIFY_RETENTION").at("value").value());
    }

    @Test
    void ingressRoutesTheAuditServicesPublicApiUnderOneHostAndNothingInternal() {
        Node ingress = rendered.get("Ingress", "audit-platform");
        List<Object> rules = ingress.at("spec", "rules").list();
        assertEquals(1, rules.size(), "one host");
        assertEquals("audit.example.com", Node.of(rules.get(0)).at("host").value());
        Map<String, String> routes = routes(ingress);
        Map<String, String> expected = new TreeMap<>(Chart.API_ROUTES);
        expected.put("/", "console");
        assertEquals(expected, routes);
        assertNoInternalRoute(ingress);
    }

    @Test
    void theConsoleGetsTheProviderItsClientAndTheServicesItForwardsTo() {
        Node container = rendered.get("Deployment", "console").at("spec", "template", "spec", "containers", 0);
        Map<String, Node> env = env(container);
        assertEquals("https://keycloak.example.com/realms/audit-platform",
                env.get("CONSOLE_OIDC_AUTHORITY").at("value").value());
        assertEquals("audit-console", env.get("CONSOLE_OIDC_CLIENT_ID").at("value").value());
        assertEquals("8080", env.get("QUARKUS_HTTP_PORT").at("value").value());
        assertEquals("http://audit-service:8081", env.get("CONSOLE_SERVICES_AUDIT_URL").at("value").value());
        assertEquals("http://export-service:8082", env.get("CONSOLE_SERVICES_EXPORT_URL").at("value").value());
        assertEquals("http://notification-service:8083",
                env.get("CONSOLE_SERVICES_NOTIFICATION_URL").at("value").value());
        assertEquals("http://analytics-service:8084", env.get("CONSOLE_SERVICES_ANALYTICS_URL").at("value").value());
        assertFalse(env.keySet().stream().anyMatch(name -> name.startsWith("QUARKUS_DATASOURCE_")),
                "the console has no database");
        assertFalse(env.containsKey("QUARKUS_OIDC_AUTH_SERVER_URL"), "the console verifies no token itself");
        assertTrue(container.at("image").string().startsWith("docker.io/auditlog/console:"), container.at("image").string());
        assertEquals("/q/health/ready", container.at("readinessProbe", "httpGet", "path").value());
    }

    @Test
    void ingressTerminatesTlsForItsHostAndPassesA1000EventBatch() {
        Node ingress = rendered.get("Ingress", "audit-platform");
        assertEquals("audit-platform-tls", ingress.at("spec", "tls", 0, "secretName").value());
        assertEquals(List.of("audit.example.com"), ingress.at("spec", "tls", 0, "hosts").list());
        assertEquals("16m", ingress.at("metadata", "annotations").map().get("nginx.ingress.kubernetes.io/proxy-body-size"),
                "a 1000-event batch is up to 16 MiB, the audit-service's own limit");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDatabaseCaCertificateIsMountedForVerifyFull() {
        for (String service : enabledServices.keySet()) {
            if (!((List<String>) ((Map<String, Object>) enabledServices.get(service)).get("uses")).contains("database")) {
                continue; // the console has no database
            }
            Node pod = rendered.get("Deployment", service).at("spec", "template", "spec");
            Node container = pod.at("containers", 0);
            Map<String, Node> env = env(container);
            assertEquals("true", env.get("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM").at("value").value());
            assertEquals("/etc/audit-platform/database-ca/ca.crt",
                    env.get("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS").at("value").value());
            assertEquals("HTTPS", env.get("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM").at("value").value());
            assertEquals(Map.of("name", "database-ca", "mountPath", "/etc/audit-platform/database-ca", "readOnly", true),
                    container.at("volumeMounts", 1).map(), service);
            assertEquals("audit-platform-db-ca", pod.at("volumes", 1, "secret", "secretName").value(), service);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSigningKeyIsMountedOnlyIntoTheServicesThatUseIntegrity() {
        for (String service : enabledServices.keySet()) {
            Map<String, Object> values = (Map<String, Object>) enabledServices.get(service);
            boolean uses = ((List<String>) values.get("uses")).contains("integrity");
            String variable = values.get("configPrefix").toString().toUpperCase(java.util.Locale.ROOT)
                    + "_INTEGRITY_SIGNING_KEY_FILE";
            Node pod = rendered.get("Deployment", service).at("spec", "template", "spec");
            Node container = pod.at("containers", 0);
            Map<String, Node> env = env(container);
            assertEquals(uses, env.containsKey(variable), service);
            assertFalse(env.keySet().stream().anyMatch(k -> k.endsWith("_INTEGRITY_SIGNING_KEY_FILE")
                    && !k.equals(variable)), service + ": only its own setting");
            assertEquals(uses, container.at("volumeMounts").string().contains("integrity-key"), service);
            if (uses) {
                assertEquals("/etc/audit-platform/integrity/signing-key.pem",
                        env.get(variable).at("value").value());
                assertEquals(Map.of("name", "integrity-key", "mountPath", "/etc/audit-platform/integrity", "readOnly",
                        true), container.at("volumeMounts", 2).map(), service);
                assertEquals("audit-platform-integrity", pod.at("volumes", 2, "secret", "secretName").value());
            }
        }
        // One key for tree heads and report manifests: a customer checks both with GET /api/v1/integrity/keys.
        for (String service : List.of("audit-service", "export-service")) {
            assertTrue(((List<String>) ((Map<String, Object>) enabledServices.get(service)).get("uses"))
                    .contains("integrity"), service);
        }
    }

    @Test
    void imagesArePulledIfNotPresentUnderAReleasedTag() {
        for (String service : enabledServices.keySet()) {
            Node container = rendered.get("Deployment", service).at("spec", "template", "spec", "containers", 0);
            assertEquals("IfNotPresent", container.at("imagePullPolicy").value());
            assertFalse(container.at("image").string().contains("SNAPSHOT"), service);
        }
    }

    @Test
    void noAutoscalerNorServiceMonitorByDefault() {
        assertTrue(rendered.ofKind("HorizontalPodAutoscaler").isEmpty());
        assertTrue(rendered.ofKind("ServiceMonitor").isEmpty());
        assertEquals(2, rendered.get("Deployment", "audit-service").at("spec", "replicas").value());
        Node pdb = rendered.get("PodDisruptionBudget", "audit-service");
        assertEquals(1, pdb.at("spec", "maxUnavailable").value());
        assertEquals(rendered.get("Deployment", "audit-service").at("spec", "selector", "matchLabels").map(),
                pdb.at("spec", "selector", "matchLabels").map());
    }

    @Test
    void podsRunWithARestrictedSecurityContext() {
        Node pod = rendered.get("Deployment", "audit-service").at("spec", "template", "spec");
        assertEquals(true, pod.at("securityContext", "runAsNonRoot").value());
        assertEquals(185, pod.at("securityContext", "runAsUser").value());
        assertEquals("RuntimeDefault", pod.at("securityContext", "seccompProfile", "type").value());
        assertEquals(false, pod.at("automountServiceAccountToken").value());
        assertEquals(false, pod.at("enableServiceLinks").value());

        Node container = pod.at("containers", 0);
        assertEquals(true, container.at("securityContext", "runAsNonRoot").value());
        assertEquals(true, container.at("securityContext", "readOnlyRootFilesystem").value());
        assertEquals(false, container.at("securityContext", "allowPrivilegeEscalation").value());
        assertEquals(List.of("ALL"), container.at("securityContext", "capabilities", "drop").value());
        assertEquals("RuntimeDefault", container.at("securityContext", "seccompProfile", "type").value());

        assertTrue(container.at("resources", "requests", "cpu").exists());
        assertTrue(container.at("resources", "requests", "memory").exists());
        assertTrue(container.at("resources", "limits", "memory").exists());

        // readOnlyRootFilesystem works because /tmp, the only place the app writes, is an emptyDir.
        assertEquals("/tmp", container.at("volumeMounts", 0, "mountPath").value());
        String volume = container.at("volumeMounts", 0, "name").string();
        Node tmp = Node.of(pod.at("volumes").list().stream()
                .filter(v -> volume.equals(Node.of(v).at("name").value())).findFirst().orElseThrow());
        assertTrue(tmp.at("emptyDir").exists());
    }

    @Test
    void metricsAreAnnotatedForPrometheus() {
        Map<String, Object> annotations = rendered.get("Deployment", "audit-service")
                .at("spec", "template", "metadata", "annotations").map();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertEquals("8081", annotations.get("prometheus.io/port"));
    }

    @Test
    void imageIsNamedAsQuarkusBuildsIt() throws IOException {
        Map<String, Object> chart = Chart.loadYaml(Chart.CHART_DIR.resolve("Chart.yaml"));
        String appVersion = (String) chart.get("appVersion");
        assertEquals(System.getProperty("project.version").replaceFirst("-SNAPSHOT$", ""), appVersion,
                "Chart.yaml appVersion (the default image tag) must be the Maven project version's release, the tag "
                        + "the images are built with (k8s/README.md)");

        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                Chart.MODULE_DIR.resolveSibling("audit-service").resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        String group = properties.getProperty("quarkus.container-image.group");
        assertEquals("auditlog", group, "audit-service sets quarkus.container-image.group");
        assertEquals(group, Node.of(values).at("image", "group").value(), "the chart's image.group is the Quarkus group");

        String image = rendered.get("Deployment", "audit-service").at("spec", "template", "spec", "containers", 0, "image")
                .string();
        assertEquals("docker.io/auditlog/audit-service:" + appVersion, image);
    }

    static void assertNoInlinedSecrets(Rendered rendered) {
        for (Map<String, Object> deployment : rendered.ofKind("Deployment")) {
            for (Object container : Node.of(deployment).at("spec", "template", "spec", "containers").list()) {
                env(Node.of(container)).forEach((name, variable) -> {
                    if (name.matches(".*(PASSWORD|SECRET|CREDENTIAL).*")) {
                        assertFalse(variable.at("value").exists(), name + " is inlined");
                        assertTrue(variable.at("valueFrom", "secretKeyRef").exists(), name + " is not from a Secret");
                    }
                });
            }
        }
    }

    static Map<String, Node> env(Node container) {
        Map<String, Node> env = new LinkedHashMap<>();
        for (Object variable : container.at("env").list()) {
            Node node = Node.of(variable);
            Node previous = env.put(node.at("name").string(), node);
            assertEquals(null, previous, "environment variable " + node.at("name").string() + " set twice");
        }
        return env;
    }

    /** path -> backend service of every rule of an Ingress. */
    static Map<String, String> routes(Node ingress) {
        Map<String, String> routes = new LinkedHashMap<>();
        for (Object rule : ingress.at("spec", "rules").list()) {
            for (Object path : Node.of(rule).at("http", "paths").list()) {
                Node p = Node.of(path);
                assertEquals("Prefix", p.at("pathType").value());
                assertEquals("http", p.at("backend", "service", "port", "name").value());
                routes.put(p.at("path").string(), p.at("backend", "service", "name").string());
            }
        }
        return routes;
    }

    static void assertNoInternalRoute(Node ingress) {
        assertFalse(ingress.at("spec", "defaultBackend").exists(), "no default backend");
        for (Map.Entry<String, String> route : routes(ingress).entrySet()) {
            String path = route.getKey();
            if (path.equals("/")) {
                // The web app, which answers 404 itself to /internal and, through the Ingress, to its /q.
                assertTrue(route.getValue().endsWith("console"), "/ goes to the console only: " + route);
                continue;
            }
            assertTrue(path.matches("/api/v\\d+/[a-z0-9-]+(/[a-z0-9-]+)*"), "not a public API prefix: " + path);
            assertFalse(path.startsWith("/internal"), "internal path routed: " + path);
            for (String internal : List.of("/internal/v1/feed", "/internal/v1/accounts/a/plan", "/q/metrics", "/q/health")) {
                assertFalse(internal.equals(path) || internal.startsWith(path + "/"), path + " would route " + internal);
            }
        }
    }
}
