package io.auditlog.analytics.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.auditlog.analytics.support.Analytics;
import io.auditlog.analytics.support.Audit;
import io.auditlog.local.testing.ServiceTokenExpiry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The feed consumer's credentials outlive its tokens: the token endpoint's tokens live 3 seconds, and events
 * ingested after each of several expiries reach the dashboards, with no 401 answered by the audit-service and the
 * tokens renewed at the endpoint. With a token that is not renewed (a static token, the service's credentials before
 * #12) the feed answers 401 after the first expiry and the consumer stops applying events.
 */
@QuarkusTest
@TestProfile(ServiceTokenExpiryTest.ShortLivedTokens.class)
class ServiceTokenExpiryTest {

    /** The platform as everywhere else, but with a token endpoint whose tokens live 3 seconds. */
    public static class ShortLivedTokens extends ServiceTokenExpiry.ShortLivedTokens {
        public ShortLivedTokens() {
            super("analytics.audit", "analytics-service");
        }
    }

    @Test
    void eventsIngestedAfterSeveralTokenExpiriesReachTheDashboards() throws Exception {
        ServiceTokenExpiry.Watch watch = ServiceTokenExpiry.watch("analytics-service");
        String account = Audit.newAccount();

        int rounds = 4;
        for (int round = 1; round <= rounds; round++) {
            watch.awaitExpiry();
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(Audit.event(Instant.now().minus(1, ChronoUnit.HOURS), "LOGIN", "LOGIN_SUCCEEDED", "LOGIN",
                        "u-" + i, null, null, null));
            }
            Audit.record(account, events);
            long expected = 5L * round;
            Analytics.await(account, "summary", Map.of(), s -> Analytics.total(s, "logins") == expected);
        }

        watch.assertRenewedWithoutRefusal(rounds, "/internal/v1/feed");
    }
}
