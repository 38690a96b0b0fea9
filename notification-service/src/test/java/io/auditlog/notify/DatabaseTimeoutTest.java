package io.auditlog.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.auditlog.notify.TokenClaimsTest.Endpoint;
import io.auditlog.notify.TokenClaimsTest.Fixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A database that takes no answer back: every endpoint's tables locked by another session (as a frozen server
 * would leave them, but only for this service's schema). Each endpoint answers 503 with Retry-After within the
 * request timeout (platform.database.request-timeout, 10 s), instead of hanging for as long as the lock is held;
 * the statements left waiting are then cancelled, and nothing of them was stored.
 */
@QuarkusTest
class DatabaseTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Slack for a busy machine: a request that waited for the lock itself would take as long as it is held. */
    private static final Duration ANSWERED_WITHIN = TIMEOUT.plusSeconds(8);

    @Test
    void everyEndpointAnswers503WithinTheTimeoutWhenTheDatabaseDoesNotAnswer() throws Exception {
        Fixture fixture = TokenClaimsTest.fixture();
        String token = fixture.admin().token();
        List<Endpoint> endpoints = TokenClaimsTest.endpoints().toList();
        try (Connection locker = connect()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE notify.user_settings, notify.account_settings, notify.notification "
                        + "IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            List<CompletableFuture<Response>> answers = endpoints.stream()
                    .map(e -> CompletableFuture.supplyAsync(() -> e.call().apply(token, fixture))).toList();
            try {
                for (int i = 0; i < endpoints.size(); i++) {
                    Response response = answers.get(i).get(ANSWERED_WITHIN.plusSeconds(2).toSeconds(),
                            TimeUnit.SECONDS);
                    assertEquals(503, response.statusCode(), endpoints.get(i) + ": " + response.asString());
                    response.then().contentType("application/problem+json");
                    assertNotNull(response.header("Retry-After"), endpoints.get(i) + " says when to retry");
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertTrue(took.compareTo(ANSWERED_WITHIN) < 0, "answered within the timeout, took " + took);
            } finally {
                cancelWaitingStatements(locker);
                locker.rollback();
            }
        }
        given().auth().oauth2(token).get("/api/v1/notification-settings").then().statusCode(200)
                .body("multipleExportsThreshold", equalTo(7)).body("alerts.multipleExports", equalTo(false));
        given().auth().oauth2(token).get("/api/v1/notifications").then().statusCode(200)
                .body("unreadCount", equalTo(1));
    }

    /** The statements still waiting for the lock, so that none of them commits once it is released. */
    private static void cancelWaitingStatements(Connection locker) throws Exception {
        try (Statement cancel = locker.createStatement()) {
            cancel.execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'");
        }
    }

    private static Connection connect() throws Exception {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
