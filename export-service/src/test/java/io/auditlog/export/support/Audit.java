package io.auditlog.export.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.local.testing.LocalPlatformTestResource;

/** Talks to the real audit-service under test: tokens, events in, events out. */
public final class Audit {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Audit() {
    }

    public static String newAccount() {
        return "acct-" + UUID.randomUUID();
    }

    public static String admin(String account) {
        return LocalPlatformTestResource.identity().token("admin-" + account, account, List.of("audit-admin"),
                Duration.ofHours(1), Map.of("email", "admin@" + account + ".example"));
    }

    public static String ingest(String account) {
        return LocalPlatformTestResource.identity().token("ingest-" + account, account, List.of("audit-ingest"),
                Duration.ofHours(1));
    }

    public static Map<String, Object> event(String id, int minutesAgo, String category, String subcategory,
            String action) {
        Map<String, Object> event = new HashMap<>();
        event.put("id", id);
        event.put("occurredAt", Instant.now().minus(minutesAgo, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("category", category);
        if (subcategory != null) {
            event.put("subcategory", subcategory);
        }
        event.put("action", action);
        event.put("actor", new HashMap<>(Map.of("id", "u-1", "email", "ann@example.com", "name", "Ann Lee", "type", "USER")));
        return event;
    }

    public static void record(String account, List<Map<String, Object>> events) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/events"))
                .header("Authorization", "Bearer " + ingest(account)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("events", events))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("ingest answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** One event of the account's log, or null. */
    public static JsonNode get(String account, String id) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/events/" + id))
                .header("Authorization", "Bearer " + admin(account)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private static String url() {
        return ConfigProvider.getConfig().getValue("export.audit.url", String.class);
    }
}
