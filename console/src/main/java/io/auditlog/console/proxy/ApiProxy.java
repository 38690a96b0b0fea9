package io.auditlog.console.proxy;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.auditlog.console.config.ConsoleConfig;
import io.auditlog.console.domain.Address;
import io.auditlog.console.domain.Upstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;

/**
 * Forwards the browser's {@code /api/v1/...} calls to the service that owns the path, so that the console is the
 * browser's one origin in {@code ./platform run} as the Ingress is in Kubernetes. Vert.x's reverse proxy streams
 * both bodies with back-pressure (a report download never sits in memory), keeps every end-to-end header and the
 * service's status, and drops the hop-by-hop ones.
 */
@ApplicationScoped
public class ApiProxy {

    private final Map<Upstream, HttpProxy> proxies = new EnumMap<>(Upstream.class);

    @Inject
    public ApiProxy(Vertx vertx, ConsoleConfig config) {
        ConsoleConfig.Proxy settings = config.proxy();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setIdleTimeout((int) settings.idleTimeout().toSeconds())
                .setMaxPoolSize(settings.maxConnectionsPerService())
                // The services' Location headers and the client's Host are theirs; the proxy adds X-Forwarded-*.
                .setKeepAlive(true));
        register(client, Upstream.AUDIT, config.services().audit().url(), "console.services.audit.url");
        register(client, Upstream.EXPORT, config.services().export().url(), "console.services.export.url");
        register(client, Upstream.NOTIFICATION, config.services().notification().url(),
                "console.services.notification.url");
        register(client, Upstream.ANALYTICS, config.services().analytics().url(), "console.services.analytics.url");
    }

    private void register(HttpClient client, Upstream upstream, String url, String key) {
        Address address = Address.of(key, url);
        HttpProxy proxy = HttpProxy.reverseProxy(client);
        proxy.origin(context -> context.client().request(new RequestOptions()
                .setHost(address.host())
                .setPort(address.port())
                .setSsl(address.secure())));
        // Order matters: the first interceptor sees the request first and the response last, so the failure
        // answer wraps everything the forwarding headers did.
        proxy.addInterceptor(new UnreachableService(upstream));
        proxy.addInterceptor(new ForwardedHeaders());
        proxies.put(upstream, proxy);
    }

    /** Hands the request to its service; the proxy answers it (the service's answer, or a 502 problem). */
    public void forward(RoutingContext context, Upstream upstream) {
        proxies.get(upstream).handle(context.request());
    }
}
