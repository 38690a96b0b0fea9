package io.auditlog.common.input;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.common.problem.ProblemDetail;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The documented limits of a request, answered with problem+json before anything reads the request: the request
 * line ({@code 414}), the headers ({@code 431}) and a declared body size ({@code 413}). Vert.x enforces hard limits
 * of its own (set higher, in this module's config defaults) and answers those with an empty body, so the limits a
 * client meets in practice are these, with a reason it can read. A body without Content-Length that grows past
 * the limit is still cut by Quarkus itself (413, connection closed).
 */
@ApplicationScoped
public class RequestLimits {

    @Inject
    RequestLimitsConfig config;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        // Before the body handler (Integer.MIN_VALUE + 1), so an oversized body is refused before it is read.
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > config.maxRequestLineLength()) {
            refuse(context, 414, "URI too long", "The request URI has " + request.uri().length()
                    + " characters; at most " + config.maxRequestLineLength() + " are accepted", false);
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > config.maxHeaderBytes()) {
            refuse(context, 431, "Request header fields too large", "The request headers have " + headerBytes
                    + " bytes; at most " + config.maxHeaderBytes() + " are accepted", false);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && config.maxBodySize().isPresent()) {
            long limit = config.maxBodySize().get().asLongValue();
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                refuse(context, 400, "Invalid request", "Content-Length is not a number", true);
                return;
            }
            if (declared > limit) {
                refuse(context, 413, "Content too large", "The request body has " + declared
                        + " bytes; at most " + limit + " are accepted", true);
                return;
            }
        }
        context.next();
    }

    /**
     * Answers at once. With a body still on its way the connection is closed after the answer: reading megabytes
     * only to discard them would let one client keep a connection busy for nothing.
     */
    private void refuse(RoutingContext context, int status, String title, String detail, boolean closeAfter) {
        ProblemDetail problem = new ProblemDetail(null, title, status, detail, context.request().path(), List.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        var response = context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetail.MEDIA_TYPE);
        // Only an HTTP/1.x connection is closed: on HTTP/2 it carries other requests, and the answer ends the stream.
        if (closeAfter && context.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.end(body).onComplete(done -> context.request().connection().close());
        } else {
            response.end(body);
        }
    }
}
