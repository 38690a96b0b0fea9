package io.auditlog.analytics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.analytics.support.Audit;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A person's dashboard views are reads of the log: each section viewed is an AUDIT_LOG ANALYTICS/VIEWED event of
 * that person in the audit log, once per section and parameters within the coalescing window, written through the
 * real audit-service over HTTP with the person's own token. A refused view (another plan) writes nothing.
 */
@QuarkusTest
class LogAccessViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void eachSectionViewedIsRecordedOncePerPersonAndParametersWithinTheWindow() throws Exception {
        String account = Audit.newAccount();
        String ann = person("ann", account);
        String bob = person("bob", account);
        for (int i = 0; i < 3; i++) {
            view(ann, "summary", Map.of("tz", "Europe/Copenhagen"));
        }
        view(ann, "summary", Map.of("tz", "Asia/Kolkata"));
        view(ann, "series", Map.of("groupBy", "category"));
        view(ann, "series", Map.of("groupBy", "category"));
        view(ann, "top-actors", Map.of());
        view(bob, "summary", Map.of("tz", "Europe/Copenhagen"));

        List<JsonNode> views = analyticsViews(account);
        assertEquals(5, views.size(), views.toString());
        List<String> seen = new ArrayList<>();
        for (JsonNode event : views) {
            assertEquals("AUDIT_LOG", event.path("category").asText());
            assertEquals("VIEWED", event.path("action").asText());
            assertEquals("ANALYTICS_SECTION", event.path("object").path("type").asText());
            seen.add(event.path("actor").path("id").asText() + " " + event.path("object").path("id").asText() + " "
                    + event.path("details").path("filters"));
        }
        seen.sort(null);
        assertEquals(List.of("ann-" + account + " series {\"groupBy\":\"category\"}",
                "ann-" + account + " summary {\"tz\":\"Asia/Kolkata\"}",
                "ann-" + account + " summary {\"tz\":\"Europe/Copenhagen\"}",
                "ann-" + account + " top-actors {}",
                "bob-" + account + " summary {\"tz\":\"Europe/Copenhagen\"}"), seen);
    }

    @Test
    void aRefusedViewWritesNothing() throws Exception {
        String account = Audit.newAccount();
        Audit.setPlan(account, "PROFESSIONAL");
        given().auth().oauth2(person("ann", account)).get("/api/v1/analytics/summary").then().statusCode(403);
        given().auth().oauth2(person("ann", account)).queryParam("tz", "Mars/Olympus").get("/api/v1/analytics/summary")
                .then().statusCode(400);
        Audit.setPlan(account, "ENTERPRISE");
        assertEquals(List.of(), analyticsViews(account));
    }

    private static String person(String name, String account) {
        return LocalPlatformTestResource.identity().token(name + "-" + account, account, List.of("audit-admin"),
                Duration.ofHours(1), Map.of("name", name));
    }

    private static void view(String token, String section, Map<String, ?> params) {
        given().auth().oauth2(token).queryParams(params).get("/api/v1/analytics/" + section).then().statusCode(200);
    }

    /** The account's ANALYTICS records, read from the audit log by another super admin. */
    private static List<JsonNode> analyticsViews(String account) throws Exception {
        String auditor = person("auditor", account);
        String url = ConfigProvider.getConfig().getValue("analytics.audit.url", String.class)
                + "/api/v1/events?category=AUDIT_LOG&subcategory=ANALYTICS&limit=500";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + auditor).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(response.body()).path("items").forEach(items::add);
        return items;
    }
}
