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

    /**
     * Where the links in the notification-service's mails lead: the console's pages of a log entry
     * ({@code /log/{id}}), a report ({@code /reports/{id}}) and the settings (also the unsubscribe link).
     */
    static Map<String, String> mailLinks(PlatformService console) {
        return Map.of("NOTIFY_LINKS_EVENTS_URL", console.url() + "/log",
                "NOTIFY_LINKS_EXPORTS_URL", console.url() + "/reports",
                "NOTIFY_LINKS_SETTINGS_URL", console.url() + "/settings");
    }

    /** The console's settings: the provider its SPA logs in at, and the services it forwards /api/v1 to. */
    static Map<String, String> console(LocalRealm realm) {
        return Map.of("CONSOLE_OIDC_AUTHORITY", realm.issuer(),
                "CONSOLE_SERVICES_AUDIT_URL", "http://localhost:8081",
                "CONSOLE_SERVICES_EXPORT_URL", "http://localhost:8082",
                "CONSOLE_SERVICES_NOTIFICATION_URL", "http://localhost:8083",
                "CONSOLE_SERVICES_ANALYTICS_URL", "http://localhost:8084");
    }

    /**
     * The audit-service's restore settings for the local run: the demo producer listens on http://127.0.0.1, which
     * production refuses, and the endpoint secrets are encrypted with a fixed key that guards nothing but local data.
     */
    static Map<String, String> restore(String service) {
        if (!"audit-service".equals(service)) {
            return Map.of();
        }
        return Map.of("AUDIT_RESTORE_ALLOW_INSECURE_URLS", "true",
                "AUDIT_RESTORE_ENCRYPTION_KEY", "bG9jYWwtcnVuLW9ubHkta2V5LWxvY2FsLXJ1bi1vbmw=");
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
