package io.auditlog.local.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The demo account's product, as far as restores go: it registers its restore endpoint with the audit-service
 * (with the demo ingest client's token and a secret made at each start), checks each request's
 * {@code Audit-Signature} (401 when it does not verify or is older than five minutes), answers 200, and then
 * records the object's restore (CRM_OBJECT/&lt;type&gt;/RESTORE) as the product would, with the same token. Public
 * so that the audit-service's tests run it against the real service.
 */
public final class DemoProducer implements AutoCloseable {

    /** The demo producer's port: none of the platform's (8080-8084, 8180, 2525, 8025). */
    static final int PORT = 8090;
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final int MAX_BODY = 64 * 1024;
    private static final Set<String> CRM_TYPES = Set.of("CONTACT", "COMPANY", "DEAL", "TICKET", "TASK", "QUOTE",
            "PRODUCT", "CAMPAIGN", "LANDING_PAGE", "BLOG_POST", "CUSTOM_OBJECT");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the producer gets a current ingest token (they expire; the realm gives a fresh one). */
    public interface Tokens {
        String ingestToken() throws IOException, InterruptedException;
    }

    private final String auditUrl;
    private final String account;
    private final Tokens tokens;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService work = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "demo-producer");
        thread.setDaemon(true);
        return thread;
    });
    private HttpServer server;

    public DemoProducer(String auditUrl, String account, Tokens tokens) {
        this.auditUrl = auditUrl;
        this.account = account;
        this.tokens = tokens;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.secret = HexFormat.of().formatHex(random);
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free one). */
    public DemoProducer start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(work);
        server.createContext("/restore", this::handle);
        server.start();
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/restore";
    }

    /** Registers this endpoint and its secret for the account. */
    public void register() throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("url", url(), "secret", secret));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(auditUrl
                + "/api/v1/restore-endpoint")).header("Authorization", "Bearer " + tokens.ingestToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Registering the demo restore endpoint failed with " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readNBytes(MAX_BODY + 1);
            }
            if (raw.length > MAX_BODY) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            if (!verifies(secret, exchange.getRequestHeaders().getFirst("Audit-Signature"), body, Instant.now())) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode request = JSON.readTree(body);
            if (!account.equals(request.path("accountId").asText())) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            work.execute(() -> recordRestore(request));
        }
    }

    /** The restore as the product records it; a failure is printed (the demo has no one else to tell). */
    private void recordRestore(JsonNode request) {
        JsonNode object = request.path("object");
        String type = object.path("type").asText();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "restored-" + request.path("restoreId").asText());
        event.put("occurredAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("category", "CRM_OBJECT");
        event.put("subcategory", CRM_TYPES.contains(type) ? type : "CUSTOM_OBJECT");
        event.put("action", "RESTORE");
        event.put("actor", Map.of("id", request.path("requestedBy").path("id").asText(), "name",
                request.path("requestedBy").path("name").asText(), "type", "USER"));
        Map<String, Object> restored = new LinkedHashMap<>();
        restored.put("type", type);
        restored.put("id", object.path("id").asText());
        if (object.hasNonNull("name")) {
            restored.put("name", object.path("name").asText());
        }
        event.put("object", restored);
        event.put("details", Map.of("restoreId", request.path("restoreId").asText(), "deletionEventId",
                request.path("deletionEventId").asText()));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(auditUrl + "/api/v1/events"))
                    .header("Authorization", "Bearer " + tokens.ingestToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(event)))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                System.err.println("demo producer: recording the restore failed: " + response.statusCode() + " "
                        + response.body());
            }
        } catch (IOException e) {
            System.err.println("demo producer: recording the restore failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The check every producer makes (docs/architecture.md, "Restore from the log"): {@code t=<unix seconds>,
     * v1=<hex HMAC-SHA256(secret, t + "." + body)>}, compared in constant time, and t within five minutes of now.
     */
    static boolean verifies(String secret, String header, String body, Instant now) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        try {
            if (Math.abs(now.getEpochSecond() - Long.parseLong(t)) > TOLERANCE.toSeconds()) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Only for tests: the secret registered, to sign requests as the audit-service does. */
    String secret() {
        return secret;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        work.shutdownNow();
    }
}
