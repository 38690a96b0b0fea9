package io.auditlog.console.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.auditlog.console.config.ConsoleConfig;
import io.auditlog.console.domain.Upstream;
import io.auditlog.console.proxy.ApiProxy;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The console's own paths on Quarkus' router, ahead of the SPA: {@code /config.json}, the forwarded
 * {@code /api/v1/...} of the services, and a problem for every other {@code /api} or {@code /internal} path, so that
 * neither ever falls through to the SPA's index.html. Everything else is the SPA's (Quinoa).
 */
@ApplicationScoped
public class ConsoleRoutes {

    @Inject
    ConsoleConfig config;

    @Inject
    ApiProxy proxy;

    void routes(@Observes Router router) {
        // Built once: the settings are fixed for the life of the process.
        String settings = new JsonObject()
                .put("authority", config.oidc().authority())
                .put("clientId", config.oidc().clientId())
                .encode();
        router.route(HttpMethod.GET, "/config.json").handler(context -> context.response()
                .putHeader("Content-Type", "application/json")
                // A chart upgrade that changes the provider must reach an open tab on its next load.
                .putHeader("Cache-Control", "no-store")
                .end(settings));
        router.route("/api/*").handler(this::api);
        // The services' internal paths (the feed, the operators' endpoints) are for services, not browsers.
        router.route("/internal/*").handler(context -> Problems.send(context, 404, "No such resource"));
    }

    private void api(RoutingContext context) {
        // The route is chosen on the normalised path and the proxy forwards the path as sent: a path that differs
        // from its normal form ("/api/v1/events/../../internal/...") would reach the service as another path.
        if (!context.request().path().equals(context.normalizedPath())) {
            Problems.send(context, 400, "The path must be in normal form (no dot segments, no empty segments)");
            return;
        }
        Upstream.owning(context.normalizedPath()).ifPresentOrElse(upstream -> {
            // Held until the connection to the service is open; the proxy's pipe resumes it.
            context.request().pause();
            proxy.forward(context, upstream);
        }, () -> Problems.send(context, 404, "No such resource"));
    }
}
