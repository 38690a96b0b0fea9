package io.auditlog.analytics;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.auditlog.analytics.support.Analytics;
import io.auditlog.analytics.support.Audit;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What one tenant's event carries cannot stop the rollups of the others. PostgreSQL writes a jsonb number in full,
 * so details of {"big": 1e300} reach the feed as a number of 301 digits, beyond the 40 that the request-input limits
 * (StrictJson) allow: read with those limits, the page holding it was refused at every try and nothing after it
 * was ever counted.
 */
@QuarkusTest
class FeedContentTest {

    @Test
    void anEventWithHugeNumbersInItsDetailsDoesNotStopTheRollups() throws Exception {
        String account = Audit.newAccount();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        Map<String, Object> odd = Audit.event(at, "SETTINGS", null, "UPDATE", "u-1", null, null, null);
        odd.put("details", Map.of("big", 1e300, "tiny", 4.9e-324, "negative", -1.7976931348623157e308));
        Audit.record(account, List.of(odd));
        Audit.record(account, List.of(Audit.event(at, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN", "u-1", null, null, null)));

        Analytics.await(account, "summary", Map.of(), s -> Analytics.total(s, "logins") == 1);
    }
}
