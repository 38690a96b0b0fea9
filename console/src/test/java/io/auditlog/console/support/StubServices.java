package io.auditlog.console.support;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Four real HTTP servers standing in for the services, in the tests only, and a control server the tests use to
 * read what a stand-in received, to let a held download finish, and to take the analytics stand-in down and up.
 * Each stand-in answers with its own name and an echo of the request; the request's {@code X-Stub-Status} is the
 * status, and each {@code X-Stub-Reply-Name} header becomes a response header {@code Name}.
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    private static final List<String> SERVICES = List.of("audit", "export", "notification", "analytics");
    private static final int CHUNK = 64 * 1024;

    private Vertx vertx;
    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile Promise<Void> release = Promise.promise();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new ConcurrentHashMap<>();
        for (String service : SERVICES) {
            int port = await(listen(service, 0)).actualPort();
            ports.put(service, port);
            config.put("console.services." + service + ".url", "http://localhost:" + port);
        }
        HttpServer control = await(vertx.createHttpServer().requestHandler(this::control).listen(0, "localhost"));
        config.put("stub.control.url", "http://localhost:" + control.actualPort());
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    private Future<HttpServer> listen(String service, int port) {
        return vertx.createHttpServer().requestHandler(request -> serve(service, request)).listen(port, "localhost")
                .onSuccess(server -> servers.put(service, server));
    }

    private void control(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        switch (request.path()) {
            case "/seen" -> response.putHeader("Content-Type", "application/json").end(new JsonArray(seen).encode());
            case "/release" -> {
                release.tryComplete();
                response.end();
            }
            case "/analytics/down" -> servers.remove("analytics").close().onComplete(done -> response.end());
            case "/analytics/up" -> listen("analytics", ports.get("analytics")).onComplete(done -> response
                    .setStatusCode(done.succeeded() ? 204 : 500).end());
            default -> response.setStatusCode(404).end();
        }
    }

    private void serve(String service, HttpServerRequest request) {
        seen.add(service + " " + request.method() + " " + request.uri());
        if (request.path().endsWith("/held")) {
            held(request);
        } else if (request.path().endsWith("/large")) {
            large(request, Long.parseLong(request.getParam("bytes")));
        } else if (request.path().endsWith("/upload")) {
            upload(request);
        } else {
            echo(service, request);
        }
    }

    private void echo(String service, HttpServerRequest request) {
        request.body().onSuccess(body -> {
            HttpServerResponse response = request.response();
            JsonObject headers = new JsonObject();
            request.headers().forEach(header -> {
                headers.put(header.getKey().toLowerCase(), header.getValue());
                if (header.getKey().toLowerCase().startsWith("x-stub-reply-")) {
                    response.putHeader(header.getKey().substring("x-stub-reply-".length()), header.getValue());
                }
            });
            String status = request.getHeader("X-Stub-Status");
            response.setStatusCode(status == null ? 200 : Integer.parseInt(status))
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("service", service).put("method", request.method().name())
                            .put("uri", request.uri()).put("headers", headers).put("body", body.toString())
                            .encode());
        });
    }

    /** A download whose first bytes are sent at once and whose end waits for the test's word. */
    private void held(HttpServerRequest request) {
        release = Promise.promise();
        HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "text/csv");
        response.write(Buffer.buffer("first line\n".repeat(CHUNK / 11)));
        release.future().onComplete(done -> response.end("last line\n"));
    }

    private void large(HttpServerRequest request, long bytes) {
        HttpServerResponse response = request.response().setChunked(true)
                .putHeader("Content-Type", "application/octet-stream");
        Buffer chunk = Buffer.buffer(new byte[CHUNK]);
        long[] left = { bytes };
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (left[0] > 0 && !response.writeQueueFull()) {
                int size = (int) Math.min(CHUNK, left[0]);
                response.write(size == CHUNK ? chunk : chunk.slice(0, size));
                left[0] -= size;
            }
            if (left[0] == 0) {
                response.end();
            } else {
                response.drainHandler(v -> pump[0].run());
            }
        };
        pump[0].run();
    }

    private void upload(HttpServerRequest request) {
        MessageDigest digest = sha256();
        long[] count = { 0 };
        request.handler(buffer -> {
            count[0] += buffer.length();
            digest.update(buffer.getBytes());
        });
        request.endHandler(v -> request.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("bytes", count[0])
                        .put("sha256", HexFormat.of().formatHex(digest.digest())).encode()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("stand-in service: " + e.getMessage(), e);
        }
    }
}
