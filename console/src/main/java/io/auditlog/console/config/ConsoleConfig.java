package io.auditlog.console.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The console's own settings; environment variables use the CONSOLE_ prefix (CONSOLE_OIDC_AUTHORITY, ...). */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    Oidc oidc();

    Services services();

    Proxy proxy();

    interface Oidc {
        /**
         * The OIDC issuer the SPA logs in at (Keycloak's realm URL locally). Its origin is also the one other origin
         * the Content-Security-Policy lets the page connect to, frame and post a form to.
         */
        String authority();

        /** The SPA's public client at the provider (authorization code flow with PKCE). */
        @WithDefault("audit-console")
        String clientId();
    }

    /** Base URLs of the services whose {@code /api/v1/...} paths the console forwards. */
    interface Services {
        Upstream audit();

        Upstream export();

        Upstream notification();

        Upstream analytics();
    }

    interface Upstream {
        /** Base URL of the service (scheme, host and port; http or https). */
        String url();
    }

    interface Proxy {
        /** How long a connection to a service may take before the console answers 502. */
        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * How long a connection to a service may stay silent before it is closed. A report download streams without
         * pause, so this only ends a service that stopped answering mid-response.
         */
        @WithDefault("120s")
        Duration idleTimeout();

        /** Connections kept open to each service. */
        @WithDefault("50")
        int maxConnectionsPerService();
    }
}
