package io.auditlog.local.launcher;

import java.util.Map;

import io.auditlog.local.keycloak.LocalRealm;

/**
 * How the services reach each other in the local run: the URLs, and each calling service's own client of the
 * realm, with which it asks Keycloak for its tokens (client-credentials grant through quarkus-oidc-client, renewed
 * before they expire). The audit-service calls no one and has no client.
 */
final class ServiceClients {

    private ServiceClients() {
    }

    static Map<String, String> urls() {
        return Map.of("EXPORT_AUDIT_URL", "http://localhost:8081",
                "NOTIFY_AUDIT_URL", "http://localhost:8081", "NOTIFY_EXPORTS_URL", "http://localhost:8082",
                "ANALYTICS_AUDIT_URL", "http://localhost:8081");
    }

    /** The QUARKUS_OIDC_CLIENT_* variables of {@code service}; none for a service that calls no other. */
    static Map<String, String> credentials(String service, LocalRealm realm) {
        if (!realm.hasClient(service) || "audit-service".equals(service)) {
            return Map.of();
        }
        return Map.of("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", realm.issuer(),
                "QUARKUS_OIDC_CLIENT_CLIENT_ID", service,
                "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", realm.secret(service));
    }
}
