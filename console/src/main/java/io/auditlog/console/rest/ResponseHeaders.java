package io.auditlog.console.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.auditlog.console.config.ConsoleConfig;
import io.auditlog.console.domain.Address;
import io.auditlog.console.domain.SecurityHeaders;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The security headers on every response of the console (the SPA, its assets, config.json, the forwarded APIs, the
 * health checks), and the caching of the SPA: index.html is asked for again on every load, so a new release is
 * picked up at once, while the content-hashed files under /assets never change and are kept for a year.
 */
@ApplicationScoped
public class ResponseHeaders {

    static final String ASSETS = "/assets/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    @Inject
    ConsoleConfig config;

    void register(@Observes Filters filters) {
        SecurityHeaders headers = new SecurityHeaders(Address.of("console.oidc.authority", config.oidc().authority()));
        filters.register(context -> {
            context.addHeadersEndHandler(ended -> apply(context, headers));
            if (throughAProxy(context.request())) {
                Problems.send(context, 404, "No such resource");
                return;
            }
            context.next();
        }, 100);
    }

    /**
     * The Ingress routes "/" to the console, so Quarkus' own endpoints (/q/health, /q/metrics) would be public
     * through it. They are for the cluster (probes, Prometheus), which calls the pod directly; a request that an
     * Ingress or another proxy passed on says so in its forwarding headers, and is refused as if they did not exist.
     */
    private static boolean throughAProxy(HttpServerRequest request) {
        String path = request.path();
        return path != null && (path.equals("/q") || path.startsWith("/q/"))
                && (request.headers().contains("X-Forwarded-For") || request.headers().contains("Forwarded")
                        || request.headers().contains("X-Forwarded-Proto"));
    }

    private static void apply(RoutingContext context, SecurityHeaders headers) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        headers.always().forEach(response::putHeader);
        // Over plain HTTP a browser ignores HSTS; behind the Ingress the request's scheme is the one of
        // X-Forwarded-Proto (quarkus.http.proxy.*), so TLS ended at the Ingress counts.
        if (request.isSSL() || "https".equalsIgnoreCase(request.scheme())) {
            response.putHeader("Strict-Transport-Security", SecurityHeaders.STRICT_TRANSPORT_SECURITY);
        }
        String path = request.path();
        if (path == null || path.startsWith("/api/")) {
            return;
        }
        int status = response.getStatusCode();
        if (path.startsWith(ASSETS) && (status == 200 || status == 304)) {
            response.putHeader("Cache-Control", IMMUTABLE);
        } else if (isHtml(response.headers().get("Content-Type"))) {
            response.putHeader("Cache-Control", "no-cache");
        }
    }

    private static boolean isHtml(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
    }
}
