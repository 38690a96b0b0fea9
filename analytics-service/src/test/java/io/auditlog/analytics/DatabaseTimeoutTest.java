package io.auditlog.analytics;

import static io.restassured.RestAssured.given;
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

import io.auditlog.analytics.support.Audit;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A database that gives no answer: the rollups and the feed position locked by another session, which also holds
 * the consumer lock (as a frozen server would leave them, but only for this service's schema). Every dashboard and
 * operator endpoint answers 503 with Retry-After within the request timeout (platform.database.request-timeout,
 * 10 s) instead of waiting for as long as the locks are held; the statements left waiting are then cancelled, so
 * the rebuild that was asked for never runs.
 */
@QuarkusTest
class DatabaseTimeoutTest {

    /** ConsumerLock.KEY: the advisory lock of the feed consumer and the rebuild. */
    private static final long CONSUMER_LOCK = 0x616e616c79746963L;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Slack for a busy machine: a request that waited for the locks would take as long as they are held. */
    private static final Duration ANSWERED_WITHIN = TIMEOUT.plusSeconds(8);

    @Test
    void everyEndpointAnswers503WithinTheTimeoutWhenTheDatabaseDoesNotAnswer() throws Exception {
        String admin = Audit.admin(Audit.newAccount());
        given().auth().oauth2(admin).get("/api/v1/analytics/summary").then().statusCode(200); // the plan is known
        long applied = eventsApplied();
        List<TokenClaimsTest.Endpoint> endpoints = TokenClaimsTest.endpoints().toList();
        try (Connection locker = connect()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + CONSUMER_LOCK + ")");
                lock.execute("LOCK TABLE analytics.summary_hour, analytics.breakdown_hour, analytics.activity_hour, "
                        + "analytics.activity_quarter, analytics.actor_quarter, analytics.object_quarter, "
                        + "analytics.feed_position IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            List<CompletableFuture<Response>> answers = endpoints.stream()
                    .map(e -> CompletableFuture.supplyAsync(() -> given().auth()
                            .oauth2(e.role().equals("audit-admin") ? admin : Audit.operator())
                            .request(e.method(), e.path())))
                    .toList();
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
                try (Statement cancel = locker.createStatement()) {
                    cancel.execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = "
                            + "current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'");
                }
                locker.rollback();
            }
        }
        assertTrue(eventsApplied() >= applied, "the rebuild asked for while the database was frozen did not run");
    }

    private static long eventsApplied() {
        return given().auth().oauth2(Audit.operator()).get("/internal/v1/analytics/status").then().statusCode(200)
                .extract().jsonPath().getLong("eventsApplied");
    }

    private static Connection connect() throws Exception {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
