package io.auditlog.export;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.auditlog.local.testing.StalledDatabase;
import io.auditlog.local.testing.StalledDatabase.Call;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every request's database work is bounded in time: with the export tables locked (as a frozen or unreachable
 * server would leave the queries waiting), each endpoint answers 503 problem+json with Retry-After within the
 * configured timeout, instead of hanging for as long as the lock is held.
 */
@QuarkusTest
class DatabaseTimeoutTest {

    @ConfigProperty(name = "platform.database.request-timeout")
    Duration timeout;

    @Test
    void everyEndpointAnswers503WhenTheDatabaseDoesNotAnswerInTime() throws Exception {
        String account = Audit.newAccount();
        String job = Exports.start(account, Map.of("type", "audit-log"));
        Exports.await(account, job, "COMPLETED");
        String admin = Audit.admin(account);
        String feed = LocalPlatformTestResource.identity().token("notification-service", null, List.of("audit-feed"),
                Duration.ofMinutes(10));
        List<Call> calls = List.of(
                new Call("list", () -> given().auth().oauth2(admin).get("/api/v1/exports")),
                new Call("status", () -> given().auth().oauth2(admin).get("/api/v1/exports/" + job)),
                new Call("download", () -> given().auth().oauth2(admin).get("/api/v1/exports/" + job + "/files/1")),
                new Call("delete", () -> given().auth().oauth2(admin).delete("/api/v1/exports/" + job)),
                new Call("request", () -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                        .body(Map.of("type", "audit-log")).post("/api/v1/exports")),
                new Call("export-ready feed", () -> given().auth().oauth2(feed).get("/internal/v1/export-ready")));

        try (StalledDatabase stalled = StalledDatabase
                .holding("LOCK TABLE export.job, export.export_ready IN ACCESS EXCLUSIVE MODE")) {
            stalled.assertEveryCallAnswers503Within(timeout.plusSeconds(5), calls);
        }
    }
}
