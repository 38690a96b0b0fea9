package io.auditlog.local.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A demo account's last 30 days: logins that succeed and fail from several countries, security changes, CRM
 * deletes, file-storage activity, exports, vendor-staff logins and a removed admin permission, plus fixed CRM
 * deletions 2 and 45 days ago (restorable) and 120 days ago (beyond the 90 days). Ids are fixed, so seeding again
 * stores nothing twice.
 */
final class DemoData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] PEOPLE = {
            { "u-ann", "ann@demo.example", "Ann Lee", "sales" }, { "u-bo", "bo@demo.example", "Bo Ek", "support" },
            { "u-cy", "cy@demo.example", "Cy Ng", "marketing" }, { "u-dee", "dee@demo.example", "Dee Park", "sales" },
            { "u-eli", "eli@demo.example", "Eli Moss", "finance" } };
    private static final String[][] PLACES = { { "DK", "Capital", "203.0.113.7" }, { "NO", "Oslo", "198.51.100.23" },
            { "SE", "Stockholm", "192.0.2.44" }, { "US", "California", "203.0.113.90" },
            { "DE", "Berlin", "198.51.100.140" } };
    private static final String[] AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0" };
    private static final String[] CONTENT_ACTIONS = { "CREATE", "READ", "UPDATE", "PERMANENT_DELETE",
            "INVITATION_SENT", "INVITATION_ACCEPTED", "COLLABORATOR_ROLE_CHANGED", "PUBLIC_LINK_CREATED",
            "PUBLIC_LINK_REMOVED" };
    private static final String[] DEPARTMENTS = { "ENGINEERING", "ACCOUNT_MANAGEMENT", "SERVICES",
            "CUSTOMER_SUPPORT", "SALES", "PRODUCT_UX" };

    private final Random random = new Random(42);
    private final Instant now = Instant.now();

    /** Sends the demo events; answers how many were new. */
    static int seed(String auditUrl, String ingestToken, int count) throws IOException, InterruptedException {
        List<Map<String, Object>> events = new DemoData().events(count);
        HttpClient http = HttpClient.newHttpClient();
        int created = 0;
        for (int from = 0; from < events.size(); from += 500) {
            byte[] body = JSON.writeValueAsBytes(Map.of("events", events.subList(from, Math.min(from + 500, events.size()))));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(auditUrl + "/api/v1/events"))
                    .header("Authorization", "Bearer " + ingestToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && response.statusCode() != 200) {
                throw new IOException("Seeding failed with " + response.statusCode() + ": " + response.body());
            }
            created += (int) JSON.readTree(response.body()).get("events").findValues("created").stream()
                    .filter(c -> c.asBoolean()).count();
        }
        return created;
    }

    private List<Map<String, Object>> events(int count) {
        List<Map<String, Object>> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            Map<String, Object> event;
            if (kind < 40) {
                event = login(random.nextInt(10) < 8);
            } else if (kind < 48) {
                event = event("SECURITY", pick("TWO_FACTOR", "PASSWORD", "API_KEY"), pick("UPDATE", "ENABLE", "DISABLE"));
            } else if (kind < 63) {
                event = crm();
            } else if (kind < 83) {
                event = content();
            } else if (kind < 89) {
                event = event("EXPORT", "RECORDS", "EXPORT");
            } else if (kind < 93) {
                event = event("REPORT", null, pick("CREATE", "READ", "EXPORT"));
            } else if (kind < 98) {
                event = staffLogin();
            } else {
                event = event("USER_MANAGEMENT", "PERMISSION", "ADMIN_PERMISSION_REMOVED");
                event.put("object", Map.of("type", "USER", "id", "u-eli", "name", "Eli Moss"));
            }
            event.put("id", "demo-" + i);
            events.add(event);
        }
        events.add(deletion("demo-deleted-contact", 2, "CONTACT", "contact-restorable", "Rita Restorable"));
        events.add(deletion("demo-deleted-company", 45, "COMPANY", "company-restorable", "Restorable Ltd"));
        events.add(deletion("demo-deleted-contact-old", 120, "CONTACT", "contact-too-old", "Olga Old"));
        return events;
    }

    /** How many events {@link #seed} sends for {@code count} random ones: the fixed deletions as well. */
    static int total(int count) {
        return count + 3;
    }

    /**
     * A CRM record deleted {@code daysAgo} days ago, with a fixed id: two within the 90 days a deletion can be
     * restored (the demo producer restores them), one beyond.
     */
    private Map<String, Object> deletion(String id, int daysAgo, String type, String objectId, String name) {
        Map<String, Object> event = event("CRM_OBJECT", type, "DELETE");
        event.put("id", id);
        event.put("occurredAt", now.minus(daysAgo, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("object", Map.of("type", type, "id", objectId, "name", name));
        return event;
    }

    private Map<String, Object> login(boolean succeeded) {
        Map<String, Object> event = event("LOGIN", succeeded ? "LOGIN_SUCCEEDED" : "LOGIN_FAILED", "LOGIN");
        String[] place = PLACES[random.nextInt(PLACES.length)];
        event.put("context", Map.of("ip", place[2], "country", place[0], "region", place[1],
                "loginType", pick("PASSWORD", "SSO", "GOOGLE"), "userAgent", AGENTS[random.nextInt(AGENTS.length)]));
        return event;
    }

    private Map<String, Object> crm() {
        String type = pick("CONTACT", "COMPANY", "DEAL", "TICKET");
        Map<String, Object> event = event("CRM_OBJECT", type, pick("CREATE", "UPDATE", "DELETE", "DELETE"));
        int id = random.nextInt(400);
        event.put("object", Map.of("type", type, "id", type.toLowerCase() + "-" + id, "name", type.charAt(0)
                + type.substring(1).toLowerCase() + " " + id));
        event.put("details", Map.of("before", Map.of("lifecycle", pick("lead", "customer")), "after", Map.of()));
        return event;
    }

    private Map<String, Object> content() {
        String action = CONTENT_ACTIONS[random.nextInt(CONTENT_ACTIONS.length)];
        boolean sharing = action.startsWith("INVITATION") || action.startsWith("COLLABORATOR") || action.startsWith("PUBLIC");
        Map<String, Object> event = event("CONTENT", sharing ? "SHARING" : "ITEM", action);
        int n = random.nextInt(60);
        event.put("object", Map.of("type", "FILE", "id", "f-" + n, "name", "Plan " + n + ".pdf",
                "path", "/Shared/Plans/Plan " + n + ".pdf", "itemType", "FILE"));
        Map<String, Object> details = new LinkedHashMap<>();
        if (action.startsWith("PUBLIC")) {
            details.put("sharedLink", "https://files.demo.example/s/" + n);
            details.put("passwordProtected", random.nextBoolean());
        } else if (sharing) {
            details.put("permission", pick("VIEW", "EDIT"));
            details.put("collaboratorEmail", "guest" + n + "@partner.example");
        } else {
            event.put("context", Map.of("ip", PLACES[random.nextInt(PLACES.length)][2]));
            details.put("created", now.minus(90, ChronoUnit.DAYS).toString());
            details.put("lastModified", now.minus(random.nextInt(30), ChronoUnit.DAYS).toString());
        }
        event.put("details", details);
        return event;
    }

    private Map<String, Object> staffLogin() {
        Map<String, Object> event = login(true);
        event.put("actor", Map.of("id", "staff-" + random.nextInt(5), "email", "helper@vendor.example",
                "name", "Vendor Staff", "type", "STAFF", "department", DEPARTMENTS[random.nextInt(DEPARTMENTS.length)]));
        return event;
    }

    private Map<String, Object> event(String category, String subcategory, String action) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("occurredAt", now.minusSeconds(random.nextInt(30 * 24 * 3600)).truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("category", category);
        if (subcategory != null) {
            event.put("subcategory", subcategory);
        }
        event.put("action", action);
        String[] person = PEOPLE[random.nextInt(PEOPLE.length)];
        event.put("actor", Map.of("id", person[0], "email", person[1], "name", person[2], "type", "USER",
                "teams", List.of(person[3])));
        return event;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
