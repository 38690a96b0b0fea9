package io.auditlog.console.domain;

import java.util.List;
import java.util.Optional;

/**
 * The services behind the console and the API paths each one owns (docs/architecture.md). The console forwards a
 * path to the service whose prefix it starts with; the same table is the chart's Ingress rules.
 */
public enum Upstream {
    AUDIT("audit-service", List.of("/api/v1/events", "/api/v1/catalog", "/api/v1/account", "/api/v1/views",
            "/api/v1/people", "/api/v1/integrity", "/api/v1/restore-endpoint")),
    EXPORT("export-service", List.of("/api/v1/exports")),
    NOTIFICATION("notification-service", List.of("/api/v1/notifications", "/api/v1/notification-settings")),
    ANALYTICS("analytics-service", List.of("/api/v1/analytics"));

    private final String serviceName;
    private final List<String> prefixes;

    Upstream(String serviceName, List<String> prefixes) {
        this.serviceName = serviceName;
        this.prefixes = prefixes;
    }

    public String serviceName() {
        return serviceName;
    }

    public List<String> prefixes() {
        return prefixes;
    }

    /**
     * The service owning {@code path} (the request path without its query): a prefix matches itself and what is
     * below it, never a longer word ({@code /api/v1/notifications} is not a prefix of
     * {@code /api/v1/notifications-x}).
     */
    public static Optional<Upstream> owning(String path) {
        for (Upstream upstream : values()) {
            for (String prefix : upstream.prefixes) {
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    return Optional.of(upstream);
                }
            }
        }
        return Optional.empty();
    }
}
