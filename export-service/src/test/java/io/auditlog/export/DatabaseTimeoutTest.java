package io.auditlog.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Every request's database work is bounded in time: with the export tables locked (as a frozen or unreachable
 * server would leave the queries waiting), each endpoint answers 503 problem+json with Retry-After within the
 * configured timeout, instead of hanging for as long as the lock is held.
 */
@QuarkusTest
class DatabaseTimeoutTest {

    @Inject
    AgroalDataSource database;

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
        List<Callable<Response>> requests = List.of(
                () -> given().auth().oauth2(admin).get("/api/v1/exports"),
                () -> given().auth().oauth2(admin).get("/api/v1/exports/" + job),
                () -> given().auth().oauth2(admin).get("/api/v1/exports/" + job + "/files/1"),
                () -> given().auth().oauth2(admin).delete("/api/v1/exports/" + job),
                () -> given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("type", "audit-log"))
                        .post("/api/v1/exports"),
                () -> given().auth().oauth2(feed).get("/internal/v1/export-ready"));

        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        try (Connection lock = database.getConnection(); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE export.job, export.export_ready IN ACCESS EXCLUSIVE MODE");
            long started = System.nanoTime();
            List<Future<Response>> answers = new ArrayList<>();
            for (Callable<Response> request : requests) {
                answers.add(threads.submit(request));
            }
            for (Future<Response> answer : answers) {
                answer.get().then().statusCode(503).contentType(startsWith("application/problem+json"))
                        .header("Retry-After", notNullValue());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(timeout.plusSeconds(5)) < 0, "answered within the timeout: " + took);
            lock.rollback();
        } finally {
            threads.shutdown();
        }
    }
}
