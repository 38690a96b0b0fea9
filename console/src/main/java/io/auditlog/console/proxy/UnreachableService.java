package io.auditlog.console.proxy;

import org.jboss.logging.Logger;

import io.auditlog.console.domain.Upstream;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * A service that cannot be reached (down, restarting, refusing connections, too slow to connect) is a 502 problem
 * naming it, in the platform's problem shape, instead of the proxy's empty 502: the SPA shows the detail.
 */
final class UnreachableService implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(UnreachableService.class);

    private final Upstream upstream;

    UnreachableService(Upstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().recover(failure -> {
            LOG.warnf("%s not reachable for %s %s: %s", upstream.serviceName(),
                    context.request().getMethod(), context.request().getURI(), failure.toString());
            Buffer body = new JsonObject()
                    .put("title", "Bad Gateway")
                    .put("status", 502)
                    .put("detail", "The " + upstream.serviceName() + " is not reachable; try again shortly")
                    .put("instance", context.request().proxiedRequest().path())
                    .toBuffer();
            ProxyResponse response = context.request().release().response()
                    .setStatusCode(502)
                    .putHeader("Content-Type", "application/problem+json")
                    .putHeader("Retry-After", "5")
                    .setBody(Body.body(body));
            return Future.succeededFuture(response);
        });
    }
}
