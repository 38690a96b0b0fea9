package io.auditlog.audit.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds event bodies as a producer would send them. */
public final class Events {

    private Events() {
    }

    public static String newAccount() {
        return "acct-" + UUID.randomUUID();
    }

    /** A failed login of ann from Denmark, {@code minutesAgo} minutes ago. */
    public static Map<String, Object> login(String id, int minutesAgo, boolean succeeded) {
        Map<String, Object> event = base(id, minutesAgo, "LOGIN", "LOGIN");
        event.put("subcategory", succeeded ? "LOGIN_SUCCEEDED" : "LOGIN_FAILED");
        event.put("actor", actor("u-42", "ann@example.com", "Ann Lee", List.of("sales")));
        event.put("context", Map.of("ip", "203.0.113.7", "loginType", "PASSWORD", "country", "DK", "region", "Capital",
                "userAgent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"));
        return event;
    }

    /** Bo deletes contact c-9. */
    public static Map<String, Object> contactDeleted(String id, int minutesAgo) {
        Map<String, Object> event = base(id, minutesAgo, "CRM_OBJECT", "DELETE");
        event.put("subcategory", "CONTACT");
        event.put("actor", actor("u-7", "bo@example.com", "Bo Ek", List.of("support")));
        event.put("object", Map.of("type", "CONTACT", "id", "c-9", "name", "Carla Diaz"));
        event.put("context", Map.of("ip", "198.51.100.23"));
        event.put("details", Map.of("before", Map.of("lifecycle", "lead")));
        return event;
    }

    public static Map<String, Object> securityChange(String id, int minutesAgo) {
        Map<String, Object> event = base(id, minutesAgo, "SECURITY", "DISABLE");
        event.put("subcategory", "TWO_FACTOR");
        event.put("actor", actor("u-42", "ann@example.com", "Ann Lee", List.of("sales")));
        return event;
    }

    /** A file-storage event with the fields of the content-log report. */
    public static Map<String, Object> contentShared(String id, int minutesAgo) {
        Map<String, Object> event = base(id, minutesAgo, "CONTENT", "PUBLIC_LINK_CREATED");
        event.put("subcategory", "SHARING");
        event.put("actor", actor("u-9", "cy@example.com", "Cy Ng", List.of()));
        Map<String, Object> object = new HashMap<>(Map.of("type", "FILE", "id", "f-1", "name", "Q3 plan.pdf",
                "path", "/Plans/Q3 plan.pdf", "itemType", "FILE"));
        event.put("object", object);
        event.put("details", Map.of("sharedLink", "https://files.example.com/s/abc", "passwordProtected", true));
        return event;
    }

    public static Map<String, Object> base(String id, int minutesAgo, String category, String action) {
        Map<String, Object> event = new HashMap<>();
        if (id != null) {
            event.put("id", id);
        }
        event.put("occurredAt", Instant.now().minus(minutesAgo, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("category", category);
        event.put("action", action);
        return event;
    }

    public static Map<String, Object> actor(String id, String email, String name, List<String> teams) {
        return new HashMap<>(Map.of("id", id, "email", email, "name", name, "type", "USER", "teams", teams));
    }

    public static Map<String, Object> batch(List<Map<String, Object>> events) {
        return Map.of("events", new ArrayList<>(events));
    }
}
