package io.auditlog.analytics.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.local.testing.LocalPlatformTestResource;

/** Talks to the real audit-service under test: tokens, events in, the log's own answer to a query. */
public final class Audit {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Audit() {
    }

    public static String newAccount() {
        return "acct-" + UUID.randomUUID();
    }

    public static String admin(String account) {
        return token("admin-" + account, account, "audit-admin");
    }

    public static String ingest(String account) {
        return token("ingest-" + account, account, "audit-ingest");
    }

    public static String operator() {
        return token("operator", null, "platform-operator");
    }

    public static String token(String subject, String account, String role) {
        return LocalPlatformTestResource.identity().token(subject, account, List.of(role), Duration.ofHours(1));
    }

    /** An event as the audit API takes it; actor and object are optional (null leaves them out). */
    public static Map<String, Object> event(Instant at, String category, String subcategory, String action,
            String actorId, String actorEmail, String objectType, String objectId) {
        Map<String, Object> event = new HashMap<>();
        event.put("id", "e-" + UUID.randomUUID());
        event.put("occurredAt", at.toString());
        event.put("category", category);
        if (subcategory != null) {
            event.put("subcategory", subcategory);
        }
        event.put("action", action);
        if (actorId != null || actorEmail != null) {
            Map<String, Object> actor = new HashMap<>();
            actor.put("type", "USER");
            if (actorId != null) {
                actor.put("id", actorId);
            }
            if (actorEmail != null) {
                actor.put("email", actorEmail);
            }
            event.put("actor", actor);
        }
        if (objectType != null) {
            event.put("object", Map.of("type", objectType, "id", objectId));
        }
        return event;
    }

    public static void record(String account, List<Map<String, Object>> events) throws Exception {
        for (int i = 0; i < events.size(); i += 1000) {
            List<Map<String, Object>> batch = events.subList(i, Math.min(events.size(), i + 1000));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/events"))
                    .header("Authorization", "Bearer " + ingest(account)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(batch.size() == 1
                            ? batch.get(0) : Map.of("events", batch))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new AssertionError("ingest answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    public static void setPlan(String account, String plan) throws Exception {
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
     * How many events the log lists for {@code query} (a link as the analytics-service gives it), paging through
     * every cursor as the console would.
     */
    public static long count(String account, String query) throws Exception {
        long count = 0;
        String cursor = null;
        do {
            String url = url() + query + "&limit=500"
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

    /** Every query link in an analytics answer, with the count it states, for checking against the log. */
    public static List<Map.Entry<String, Long>> links(JsonNode answer) {
        List<Map.Entry<String, Long>> links = new ArrayList<>();
        collect(answer, links);
        return links;
    }

    private static void collect(JsonNode node, List<Map.Entry<String, Long>> links) {
        if (node.isObject()) {
            if (node.path("query").isTextual() && node.path("count").isNumber()) {
                links.add(Map.entry(node.path("query").asText(), node.path("count").asLong()));
            }
            node.elements().forEachRemaining(child -> collect(child, links));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collect(child, links));
        }
    }

    public static String url() {
        return ConfigProvider.getConfig().getValue("analytics.audit.url", String.class);
    }
}
