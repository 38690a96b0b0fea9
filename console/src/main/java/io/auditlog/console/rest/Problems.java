package io.auditlog.console.rest;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The console's own error answers, in the services' RFC 9457 shape (platform-common's ProblemDetail). */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    static void send(RoutingContext context, int status, String detail) {
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .end(new JsonObject()
                        .put("title", HttpResponseStatus.valueOf(status).reasonPhrase())
                        .put("status", status)
                        .put("detail", detail)
                        .put("instance", context.request().path())
                        .encode());
    }
}
