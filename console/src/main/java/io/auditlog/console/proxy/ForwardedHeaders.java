package io.auditlog.console.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Tells the service who asked, as a reverse proxy does: {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and
 * {@code -Port} of the request as the console saw it. With the console's proxy forwarding on (an Ingress in front),
 * Quarkus has already applied the Ingress' headers to what the request reports, so the chain is kept; whatever a
 * browser sent itself under these names is replaced, never passed on for a service to trust.
 */
final class ForwardedHeaders implements ProxyInterceptor {

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest request = context.request().proxiedRequest();
        MultiMap headers = context.request().headers();
        headers.remove("Forwarded");
        headers.remove("X-Forwarded-For");
        headers.remove("X-Forwarded-Proto");
        headers.remove("X-Forwarded-Host");
        headers.remove("X-Forwarded-Port");
        headers.remove("X-Forwarded-Prefix");
        SocketAddress client = request.remoteAddress();
        if (client != null && client.hostAddress() != null) {
            headers.set("X-Forwarded-For", client.hostAddress());
        }
        String scheme = request.scheme() == null ? "http" : request.scheme();
        headers.set("X-Forwarded-Proto", scheme);
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
            int port = request.authority().port();
            headers.set("X-Forwarded-Port", String.valueOf(port > 0 ? port : scheme.equals("https") ? 443 : 80));
        }
        return context.sendRequest();
    }
}
