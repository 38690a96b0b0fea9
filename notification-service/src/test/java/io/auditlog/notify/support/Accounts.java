package io.auditlog.notify.support;

import static io.restassured.RestAssured.given;

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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.local.testing.LocalPlatformTestResource;
import io.restassured.http.ContentType;

/** Test accounts and their people: tokens, subscriptions, and events sent to the real audit-service. */
public final class Accounts {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Accounts() {
    }

    public static String newAccount() {
        return "acct-" + UUID.randomUUID();
    }

    /** A super admin of the account, with a mail address of their own. */
    public record Admin(String account, String userId, String email) {
        public String token() {
            return LocalPlatformTestResource.identity().token(userId, account, List.of("audit-admin"),
                    Duration.ofHours(1), Map.of("email", email));
        }
    }

    public static Admin admin(String account, String name) {
        String user = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new Admin(account, user, user + "@" + account + ".example");
    }

    public static String ingestToken(String account) {
        return LocalPlatformTestResource.identity().token("ingest-" + account, account, List.of("audit-ingest"),
                Duration.ofHours(1));
    }

    /** Saves the admin's settings through the API. */
    public static void subscribe(Admin admin, boolean multipleExports, boolean adminRemoved, int threshold) {
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON)
                .body(Map.of("alerts", Map.of("multipleExports", multipleExports, "adminPermissionRemoved", adminRemoved),
                        "mail", Map.of("exportReady", true, "mentions", true), "multipleExportsThreshold", threshold))
                .put("/api/v1/notification-settings").then().statusCode(200);
    }

    public static Map<String, Object> event(String id, Instant occurredAt, String category, String action) {
        Map<String, Object> event = new HashMap<>();
        event.put("id", id);
        event.put("occurredAt", occurredAt.truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("category", category);
        event.put("action", action);
        event.put("actor", Map.of("id", "u-boss", "email", "boss@example.com", "name", "Bo Boss", "type", "USER"));
        event.put("object", Map.of("type", "USER", "id", "u-" + id, "name", "Ex Admin " + id));
        return event;
    }

    public static Map<String, Object> adminRemoved(String id) {
        return event(id, Instant.now(), "USER_MANAGEMENT", "ADMIN_PERMISSION_REMOVED");
    }

    public static Map<String, Object> exported(String id) {
        return event(id, Instant.now(), "EXPORT", "EXPORT");
    }

    /** Sends events to the real audit-service (all or nothing, as its API is); one event in the single form. */
    public static void record(String account, List<Map<String, Object>> events) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(auditUrl() + "/api/v1/events"))
                .header("Authorization", "Bearer " + ingestToken(account)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(events.size() == 1
                        ? events.get(0) : Map.of("events", events))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("ingest answered " + response.statusCode() + ": " + response.body());
        }
    }

    public static String auditUrl() {
        return ConfigProvider.getConfig().getValue("notify.audit.url", String.class);
    }

    public static String exportsUrl() {
        return ConfigProvider.getConfig().getValue("notify.exports.url", String.class);
    }
}
