package io.auditlog.k8s;

import static io.auditlog.k8s.DefaultValuesTest.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.auditlog.k8s.Chart.Node;
import io.auditlog.k8s.Chart.Rendered;

/**
 * What a working install cannot do without fails the install with a message naming the value, instead of starting
 * pods that cannot work: the database, the issuer, its audience, the SMTP host; and what would be unsafe or stale
 * (an unverifiable database certificate, a SNAPSHOT image, an Ingress TLS without certificate).
 */
class RequiredValuesTest {

    static final String DATABASE = "database: {host: pg.example.internal}\n";
    static final String ISSUER = "oidc: {authServerUrl: https://id.example.com/realms/audit-platform, audience: audit-platform}\n";
    static final String SMTP = "smtp: {host: smtp.example.com}\n";

    @TempDir
    Path dir;

    String failure(String values) {
        return assertThrows(IllegalStateException.class, () -> Chart.templateWithoutExample(values, dir)).getMessage();
    }

    @Test
    void theDefaultsAloneFailOnTheDatabase() {
        assertTrue(failure("{}").contains("database.host is required"), failure("{}"));
    }

    @Test
    void anInstallWithoutIssuerFails() {
        assertTrue(failure(DATABASE + SMTP).contains("oidc.authServerUrl is required"));
    }

    @Test
    void anInstallWithoutAudienceFailsUnlessTheOperatorOptsOut() {
        String withoutAudience = DATABASE + SMTP + "oidc: {authServerUrl: https://id.example.com/realms/x}\n";
        assertTrue(failure(withoutAudience).contains("oidc.audience is required"));

        Rendered optedOut = new Rendered(Chart.parse(Chart.templateWithoutExample(
                withoutAudience.replace("realms/x}", "realms/x, allowAnyAudience: true}"), dir)));
        Map<String, Node> env = env(optedOut.get("Deployment", "audit-service").at("spec", "template", "spec", "containers", 0));
        assertFalse(env.containsKey("QUARKUS_OIDC_TOKEN_AUDIENCE"));
    }

    @Test
    void anInstallWithoutSmtpHostFails() {
        assertTrue(failure(DATABASE + ISSUER).contains("smtp.host is required: services.notification-service sends mail"));
    }

    @Test
    void theRequiredValuesAloneRenderAWorkingInstall() {
        Rendered rendered = new Rendered(Chart.parse(Chart.templateWithoutExample(DATABASE + ISSUER + SMTP, dir)));
        Map<String, Node> env = env(rendered.get("Deployment", "export-service").at("spec", "template", "spec", "containers", 0));
        assertEquals("postgresql://pg.example.internal:5432/auditlog", env.get("QUARKUS_DATASOURCE_REACTIVE_URL").at("value").value());
        assertEquals("audit-platform", env.get("QUARKUS_OIDC_TOKEN_AUDIENCE").at("value").value());
    }

    @Test
    void verifyingTheDatabaseCertificateNeedsItsCa() {
        for (String mode : new String[] { "verify-ca", "verify-full" }) {
            String values = DATABASE.replace("}", ", sslMode: " + mode + "}") + ISSUER + SMTP;
            assertTrue(failure(values).contains("set database.caCertificate.existingSecret"), mode);
        }
    }

    @Test
    void aSnapshotImageTagIsRefused() {
        assertTrue(failure(DATABASE + ISSUER + SMTP + "image: {tag: 1.1.0-SNAPSHOT}\n").contains("is a SNAPSHOT"));
    }

    @Test
    void ingressTlsNeedsItsCertificateSecret() {
        assertTrue(failure(DATABASE + ISSUER + SMTP + "ingress: {tls: {enabled: true, secretName: \"\"}}\n")
                .contains("ingress.tls.secretName is required"));
    }

    @Test
    void anIssuerWithoutDiscoveryGetsTheTokenPath() {
        Rendered rendered = new Rendered(Chart.parse(Chart.templateWithoutExample(DATABASE + SMTP
                + "oidc: {authServerUrl: https://id.example.com, audience: audit-platform, clientTokenPath: /oauth2/token}\n",
                dir)));
        Map<String, Node> env = env(rendered.get("Deployment", "analytics-service").at("spec", "template", "spec", "containers", 0));
        assertEquals("/oauth2/token", env.get("QUARKUS_OIDC_CLIENT_TOKEN_PATH").at("value").value());
        assertEquals("false", env.get("QUARKUS_OIDC_CLIENT_DISCOVERY_ENABLED").at("value").value());
    }
}
