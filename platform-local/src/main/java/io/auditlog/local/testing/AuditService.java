package io.auditlog.local.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real audit-service that a service under test talks to ({@link PlatformServicesTestResource} runs it): tokens
 * of the local issuer ({@link LocalPlatformTestResource#identity()}), events in, the log's answers out. Each
 * service's tests reach it through its own client setting, e.g. {@code AuditService.at("export.audit.url")}.
 */
public final class AuditService {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The audit API's largest batch. */
    private static final int BATCH = 1000;

    private final String urlKey;

    private AuditService(String urlKey) {
        this.urlKey = urlKey;
    }

    /** The audit-service at the URL that configuration key {@code urlKey} of the service under test names. */
    public static AuditService at(String urlKey) {
        return new AuditService(urlKey);
    }

    public String url() {
        return ConfigProvider.getConfig().getValue(urlKey, String.class);
    }

    /** An account no other test uses. */
    public static String newAccount() {
        return "acct-" + UUID.randomUUID();
    }

    /** A super admin of {@code account}, with the mail address admin@ACCOUNT.example. */
    public static String admin(String account) {
        return LocalPlatformTestResource.identity().token("admin-" + account, account, List.of("audit-admin"),
                Duration.ofHours(1), Map.of("email", "admin@" + account + ".example"));
    }

    public static String ingest(String account) {
        return token("ingest-" + account, account, "audit-ingest");
    }

    /** The vendor's operator (no account). */
    public static String operator() {
        return token("operator", null, "platform-operator");
    }

    public static String token(String subject, String account, String role) {
        return LocalPlatformTestResource.identity().token(subject, account, List.of(role), Duration.ofHours(1));
    }

    /** Ingests {@code events} (as the audit API takes them) in batches; anything but 201 fails the test. */
    public void record(String account, List<Map<String, Object>> events) throws Exception {
        for (int i = 0; i < events.size(); i += BATCH) {
            List<Map<String, Object>> batch = events.subList(i, Math.min(events.size(), i + BATCH));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/events"))
                    .header("Authorization", "Bearer " + ingest(account)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("events", batch))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new AssertionError("ingest answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    /** One event of the account's log, or null when the log has none of that id. */
    public JsonNode get(String account, String id) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/events/" + id))
                .header("Authorization", "Bearer " + admin(account)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    /** Sets the account's plan as the operator does. */
    public void setPlan(String account, String plan) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/internal/v1/accounts/"
                + URLEncoder.encode(account, StandardCharsets.UTF_8) + "/plan"))
                .header("Authorization", "Bearer " + operator()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"plan\":\"" + plan + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("setting the plan answered " + response.statusCode() + ": " + response.body());
        }
    }

    /**
     * How many events the log lists for {@code query} (a path and query string, e.g. a link another service gives),
     * paging through every cursor as the console would.
     */
    public long count(String account, String query) throws Exception {
        long count = 0;
        String cursor = null;
        do {
            String url = url() + query + (query.contains("?") ? "&" : "?") + "limit=500"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + admin(account)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("the log answered " + response.statusCode() + " to " + query + ": "
                        + response.body());
            }
            JsonNode page = JSON.readTree(response.body());
            count += page.path("items").size();
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return count;
    }
}
