package io.auditlog.notify;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.auditlog.notify.support.Accounts;
import io.auditlog.notify.support.Accounts.Admin;
import io.auditlog.notify.support.Eventually;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What one tenant's event carries cannot stop the feed for the others. PostgreSQL writes a jsonb number in full, so
 * details of {"big": 1e300} reach the feed as a number of 301 digits, beyond the 40 that the request-input limits
 * (StrictJson) allow: read with those limits, the page holding it was refused at every try and no later event of
 * any account became a notification.
 */
@QuarkusTest
class FeedContentTest {

    @Test
    void anEventWithHugeNumbersInItsDetailsDoesNotStopTheFeed() throws Exception {
        Admin ann = Accounts.admin(Accounts.newAccount(), "ann");
        Accounts.subscribe(ann, false, true, 10);
        Map<String, Object> odd = Accounts.event("huge-" + UUID.randomUUID(), Instant.now(), "SETTINGS", "UPDATE");
        odd.put("details", Map.of("big", 1e300, "tiny", 4.9e-324, "negative", -1.7976931348623157e308));
        Accounts.record(ann.account(), List.of(odd));
        Accounts.record(ann.account(), List.of(Accounts.adminRemoved("after-huge-" + UUID.randomUUID())));

        assertTrue(Eventually.holds(Duration.ofSeconds(30), () -> Integer.valueOf(1).equals(given().auth()
                .oauth2(ann.token()).get("/api/v1/notifications").then().extract().path("unreadCount"))),
                "the event after the one with huge numbers became a notification");
    }
}
