package io.auditlog.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.marcnuri.helm.LintResult;

/**
 * values.schema.json: bad values fail both `helm template` and `helm lint`, and the error names the key
 * (as helm 3 reports it: "at '/json/pointer': reason").
 */
class SchemaTest {

    @TempDir
    Path workDir;

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("replicas is not a number", "/services/audit-service/replicas': got string, want integer", """
                        services:
                          audit-service:
                            replicas: two
                        """),
                Arguments.of("replicas below 1", "/services/audit-service/replicas': minimum", """
                        services:
                          audit-service:
                            replicas: 0
                        """),
                Arguments.of("unknown pull policy", "/image/pullPolicy': value must be one of", """
                        image:
                          pullPolicy: Sometimes
                        """),
                Arguments.of("unknown sslmode", "/database/sslMode': value must be one of", """
                        database:
                          sslMode: maybe
                        """),
                Arguments.of("unknown STARTTLS mode", "/smtp/startTls': value must be one of", """
                        smtp:
                          startTls: ALWAYS
                        """),
                Arguments.of("unknown shared setting used by a service", "/services/audit-service/uses/1': value must be one of", """
                        services:
                          audit-service:
                            uses: [database, kafka]
                        """),
                Arguments.of("database host missing", "/database': missing property 'host'", """
                        database:
                          host: null
                        """),
                Arguments.of("audience opt-out is not a boolean", "/oidc/allowAnyAudience': got string, want boolean", """
                        oidc:
                          allowAnyAudience: "yes"
                        """),
                Arguments.of("service client without its secret", "/services/export-service/oidcClient': missing property 'existingSecret'", """
                        services:
                          export-service:
                            oidcClient:
                              existingSecret: null
                        """),
                Arguments.of("ingress body size not a size", "/ingress/maxBodySize': ", """
                        ingress:
                          maxBodySize: lots
                        """),
                Arguments.of("database secret missing", "/database': missing property 'existingSecret'", """
                        database:
                          existingSecret: null
                        """),
                Arguments.of("plain-text database password", "/database': additional properties 'password' not allowed", """
                        database:
                          password: s3cret
                        """),
                Arguments.of("OIDC issuer is not a URL", "/oidc/authServerUrl': 'keycloak' does not match pattern", """
                        oidc:
                          authServerUrl: keycloak
                        """),
                Arguments.of("internal path on the Ingress", "/services/audit-service/ingress/paths/1': '/internal/v1/feed' does not match pattern", """
                        services:
                          audit-service:
                            ingress:
                              paths: [/api/v1/events, /internal/v1/feed]
                        """),
                Arguments.of("catch-all /api path on the Ingress", "/services/audit-service/ingress/paths/0': '/api' does not match pattern", """
                        services:
                          audit-service:
                            ingress:
                              paths: [/api]
                        """),
                Arguments.of("port out of range", "/services/audit-service/port': maximum", """
                        services:
                          audit-service:
                            port: 70000
                        """),
                Arguments.of("misspelt service key", "/services/audit-service': additional properties 'replica' not allowed", """
                        services:
                          audit-service:
                            replica: 3
                        """),
                Arguments.of("service without resources", "/services/reporting-service': missing property 'resources'", """
                        services:
                          reporting-service:
                            enabled: true
                            port: 8085
                            replicas: 1
                            uses: [database, oidc]
                        """),
                Arguments.of("retention below a day", "/audit/retention/days': minimum", """
                        audit:
                          retention:
                            days: 0
                        """),
                Arguments.of("autoscaling without replicas", "/autoscaling/maxReplicas': minimum", """
                        autoscaling:
                          maxReplicas: 0
                        """),
                Arguments.of("unknown top-level key", "': additional properties 'replicas' not allowed", """
                        replicas: 3
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void templateRejectsBadValues(String description, String error, String values) {
        String message = assertThrows(IllegalStateException.class, () -> Chart.template(values, workDir),
                description + " was accepted").getMessage();
        assertTrue(message.contains("values don't meet the specifications of the schema"),
                () -> description + ": not a schema error: " + message);
        assertTrue(message.contains("at '" + error), () -> description + ": expected \"at '" + error + "\" in: " + message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void lintRejectsBadValues(String description, String error, String values) {
        LintResult lint = Chart.lintWithValues(values, workDir);
        assertTrue(lint.isFailed(), () -> description + " passed lint: " + lint.getMessages());
        // helm lint checks values.yaml against the schema: "[ERROR] values.yaml: - at '/pointer': reason".
        assertTrue(lint.getMessages().stream().anyMatch(m -> m.startsWith("[ERROR] values.yaml:") && m.contains("at '" + error)),
                () -> description + ": lint did not report \"at '" + error + "\": " + lint.getMessages());
    }

    @Test
    void goodNonDefaultValuesPass() {
        String values = """
                services:
                  audit-service:
                    replicas: 4
                    autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 8}
                database:
                  host: db.internal
                  sslMode: verify-full
                image:
                  registry: ""
                  tag: 1.0.0
                """;
        String rendered = Chart.template(values, workDir);
        assertTrue(rendered.contains("image: \"auditlog/audit-service:1.0.0\""), rendered);
        LintResult lint = Chart.lintWithValues(values, workDir);
        assertFalse(lint.isFailed(), () -> "lint: " + lint.getMessages());
        assertEquals(1, Chart.parse(rendered).stream().filter(d -> "HorizontalPodAutoscaler".equals(d.get("kind"))).count());
    }
}
