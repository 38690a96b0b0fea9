package io.auditlog.notify;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.notify.support.Accounts;
import io.auditlog.notify.support.Accounts.Admin;
import io.auditlog.notify.support.Eventually;
import io.auditlog.notify.support.MailServer;
import io.auditlog.notify.support.Progress;
import io.quarkus.test.junit.QuarkusTest;

/** What operators read: the service's own metrics at /q/metrics and the API's statuses in /q/openapi. */
@QuarkusTest
class OperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void metricsCountNotificationsMailsTheOutboxAndTheFeeds() throws Exception {
        double created = metric("notify_notifications_created_total{kind=\"admin-permission-removed\"}");
        double sent = metric("notify_mails_sent_total");
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Accounts.subscribe(ann, false, true, 10);
        String id = "metrics-" + System.nanoTime();
        Accounts.record(account, List.of(Accounts.adminRemoved(id)));
        MailServer.awaitTo(ann.email(), 1, WAIT);
        Progress.awaitSettled(List.of(id), List.of(ann.email()));

        assertEquals(created + 1, metric("notify_notifications_created_total{kind=\"admin-permission-removed\"}"));
        assertTrue(metric("notify_mails_sent_total") >= sent + 1);
        assertTrue(metric("notify_feed_records_applied_total{feed=\"audit\"}") >= 1);
        assertTrue(Eventually.holds(WAIT, () -> metric("notify_feed_lag_seconds{feed=\"audit\"}") < 60),
                "the audit feed's lag is known and small once caught up");
        assertTrue(Eventually.holds(WAIT, () -> metric("notify_outbox_depth{state=\"sent\"}") >= 1),
                "the outbox is counted by state");
        String all = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("notify_outbox_depth{state=\"pending\"}", "notify_outbox_depth{state=\"failed\"}",
                "notify_mails_failed_total", "notify_feed_lag_seconds{feed=\"export-ready\"}",
                "notify_notifications_created_total{kind=\"multiple-exports\"}",
                "notify_notifications_created_total{kind=\"export-ready\"}")) {
            assertTrue(all.contains(name), name + " in " + all);
        }
    }

    @Test
    void theOpenApiDocumentShowsTheStatusesTheEndpointsAnswer() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString()).path("paths");
        assertEquals(Set.of("200", "400", "401", "403", "503"),
                codes(paths.path("/api/v1/notification-settings").path("put")));
        assertEquals(Set.of("200", "401", "403", "503"), codes(paths.path("/api/v1/notification-settings").path("get")));
        assertEquals(Set.of("200", "404", "401", "403", "503"),
                codes(paths.path("/api/v1/notifications/{id}/read").path("post")));
        assertEquals(Set.of("200", "401", "403", "503"), codes(paths.path("/api/v1/notifications/read").path("post")));
        assertEquals(Set.of("200", "400", "401", "403", "503"), codes(paths.path("/api/v1/notifications").path("get")));
    }

    private static Set<String> codes(JsonNode operation) {
        Set<String> codes = new TreeSet<>();
        operation.path("responses").fieldNames().forEachRemaining(codes::add);
        return codes;
    }

    /** A sample's value in the Prometheus text (NaN when absent). */
    private static double metric(String sample) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
    }
}
