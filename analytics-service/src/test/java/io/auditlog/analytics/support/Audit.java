package io.auditlog.analytics.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.local.testing.AuditService;

/**
 * The real audit-service under test, at {@code analytics.audit.url} (the platform's shared {@link AuditService}):
 * tokens, events in, the log's own answer to a query; and the events and links these tests deal in.
 */
public final class Audit {

    private static final AuditService AUDIT = AuditService.at("analytics.audit.url");

    private Audit() {
    }

    public static String newAccount() {
        return AuditService.newAccount();
    }

    public static String admin(String account) {
        return AuditService.admin(account);
    }

    public static String ingest(String account) {
        return AuditService.ingest(account);
    }

    public static String operator() {
        return AuditService.operator();
    }

    public static String token(String subject, String account, String role) {
        return AuditService.token(subject, account, role);
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
        AUDIT.record(account, events);
    }

    public static void setPlan(String account, String plan) throws Exception {
        AUDIT.setPlan(account, plan);
    }

    /**
     * How many events the log lists for {@code query} (a link as the analytics-service gives it), paging through
     * every cursor as the console would.
     */
    public static long count(String account, String query) throws Exception {
        return AUDIT.count(account, query);
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
        return AUDIT.url();
    }
}
