package io.auditlog.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.auditlog.local.testing.StalledDatabase;
import io.auditlog.local.testing.StalledDatabase.Call;
import io.auditlog.notify.TokenClaimsTest.Fixture;
import io.quarkus.test.junit.QuarkusTest;

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
        List<Call> calls = TokenClaimsTest.endpoints()
                .map(e -> new Call(e.toString(), () -> e.call().apply(token, fixture))).toList();
        try (StalledDatabase stalled = StalledDatabase.holding("LOCK TABLE notify.user_settings, "
                + "notify.account_settings, notify.notification IN ACCESS EXCLUSIVE MODE")) {
            stalled.assertEveryCallAnswers503Within(ANSWERED_WITHIN, calls);
        }
        given().auth().oauth2(token).get("/api/v1/notification-settings").then().statusCode(200)
                .body("multipleExportsThreshold", equalTo(7)).body("alerts.multipleExports", equalTo(false));
        given().auth().oauth2(token).get("/api/v1/notifications").then().statusCode(200)
                .body("unreadCount", equalTo(1));
    }
}
