package io.auditlog.local.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The demo producer over real HTTP on free ports: it registers its endpoint, refuses requests whose signature does
 * not verify (or is stale) with 401, and records the object's restore after a verified one. The audit-service's
 * side is a recording HTTP server here; .ci/e2e-local-run.sh runs the producer against the real one.
 */
class DemoProducerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"restoreId\":\"r-1\",\"accountId\":\"demo\",\"deletionEventId\":\"del-1\","
            + "\"object\":{\"type\":\"CONTACT\",\"id\":\"c-1\",\"name\":\"Rita\"},"
            + "\"requestedBy\":{\"id\":\"u-1\",\"name\":\"Demo Admin\"},\"requestedAt\":\"2026-01-01T00:00:00Z\"}";

    record Call(String method, String path, String authorization, String body) {
    }

    @Test
    void registersVerifiesSignaturesAndRecordsTheRestore() throws Exception {
        LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        HttpServer audit = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        audit.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("PUT") ? 200 : 201, -1);
            }
        });
        audit.start();
        String auditUrl = "http://127.0.0.1:" + audit.getAddress().getPort();
        try (DemoProducer producer = new DemoProducer(auditUrl, "demo", () -> "ingest-token").start(0)) {
            producer.register();
            Call registration = calls.poll(5, TimeUnit.SECONDS);
            assertEquals("PUT", registration.method());
            assertEquals("/api/v1/restore-endpoint", registration.path());
            assertEquals("Bearer ingest-token", registration.authorization());
            JsonNode registered = JSON.readTree(registration.body());
            assertEquals(producer.url(), registered.path("url").asText());
            assertEquals(producer.secret(), registered.path("secret").asText());
            assertTrue(producer.secret().length() >= 32);

            long now = Instant.now().getEpochSecond();
            assertEquals(401, post(producer, null, BODY));
            assertEquals(401, post(producer, "t=" + now + ",v1=" + hmac("wrong-secret", now + "." + BODY), BODY));
            assertEquals(401, post(producer, sign(producer.secret(), now, BODY), BODY.replace("c-1", "c-2")));
            assertEquals(401, post(producer, sign(producer.secret(), now - 600, BODY), BODY), "stale");
            assertEquals(400, post(producer, sign(producer.secret(), now, BODY.replace("\"demo\"", "\"acme\"")),
                    BODY.replace("\"demo\"", "\"acme\"")), "another account's request");
            assertTrue(calls.isEmpty(), "nothing recorded for refused requests");

            assertEquals(200, post(producer, sign(producer.secret(), now, BODY), BODY));
            Call recorded = calls.poll(5, TimeUnit.SECONDS);
            assertEquals("POST", recorded.method());
            assertEquals("/api/v1/events", recorded.path());
            JsonNode event = JSON.readTree(recorded.body());
            assertEquals("CRM_OBJECT", event.path("category").asText());
            assertEquals("CONTACT", event.path("subcategory").asText());
            assertEquals("RESTORE", event.path("action").asText());
            assertEquals("c-1", event.path("object").path("id").asText());
            assertEquals("Rita", event.path("object").path("name").asText());
            assertEquals("del-1", event.path("details").path("deletionEventId").asText());
            assertEquals("u-1", event.path("actor").path("id").asText());
        } finally {
            audit.stop(0);
        }
    }

    @Test
    void theSignatureCheckIsStripesScheme() throws Exception {
        Instant now = Instant.now();
        String header = sign("k".repeat(32), now.getEpochSecond(), "{}");
        assertTrue(DemoProducer.verifies("k".repeat(32), header, "{}", now));
        assertFalse(DemoProducer.verifies("k".repeat(32), header, "{ }", now));
        assertFalse(DemoProducer.verifies("k".repeat(32), "v1=abc", "{}", now));
        assertFalse(DemoProducer.verifies("k".repeat(32), "t=x,v1=abc", "{}", now));
    }

    private static int post(DemoProducer producer, String signature, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(producer.url()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("Audit-Signature", signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String sign(String secret, long t, String body) throws Exception {
        return "t=" + t + ",v1=" + hmac(secret, t + "." + body);
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
