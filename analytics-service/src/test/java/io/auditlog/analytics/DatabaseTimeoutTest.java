package io.auditlog.analytics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.auditlog.analytics.support.Audit;
import io.auditlog.local.testing.StalledDatabase;
import io.auditlog.local.testing.StalledDatabase.Call;
import io.quarkus.test.junit.QuarkusTest;

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
        List<Call> calls = TokenClaimsTest.endpoints()
                .map(e -> new Call(e.toString(), () -> given().auth()
                        .oauth2(e.role().equals("audit-admin") ? admin : Audit.operator())
                        .request(e.method(), e.path())))
                .toList();
        try (StalledDatabase stalled = StalledDatabase.holding("SELECT pg_advisory_xact_lock(" + CONSUMER_LOCK + ")",
                "LOCK TABLE analytics.summary_hour, analytics.breakdown_hour, analytics.activity_hour, "
                        + "analytics.activity_quarter, analytics.actor_quarter, analytics.object_quarter, "
                        + "analytics.feed_position IN ACCESS EXCLUSIVE MODE")) {
            stalled.assertEveryCallAnswers503Within(ANSWERED_WITHIN, calls);
        }
        assertTrue(eventsApplied() >= applied, "the rebuild asked for while the database was frozen did not run");
    }

    private static long eventsApplied() {
        return given().auth().oauth2(Audit.operator()).get("/internal/v1/analytics/status").then().statusCode(200)
                .extract().jsonPath().getLong("eventsApplied");
    }
}
