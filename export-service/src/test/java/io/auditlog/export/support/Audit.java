package io.auditlog.export.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.local.testing.AuditService;

/**
 * The real audit-service under test, at {@code export.audit.url} (the platform's shared {@link AuditService}),
 * and the events these tests send it.
 */
public final class Audit {

    private static final AuditService AUDIT = AuditService.at("export.audit.url");

    private Audit() {
    }

    /** The audit-service's base URL. */
    public static String url() {
        return AUDIT.url();
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
        AUDIT.record(account, events);
    }

    /** One event of the account's log, or null. */
    public static JsonNode get(String account, String id) throws Exception {
        return AUDIT.get(account, id);
    }
}
