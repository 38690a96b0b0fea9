package io.auditlog.analytics.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.auditlog.analytics.support.Analytics;
import io.auditlog.analytics.support.Audit;
import io.auditlog.local.identity.TokenEndpoint;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.auditlog.local.testing.PlatformServicesTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
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

    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3);

    /** The platform as everywhere else, but with a token endpoint whose tokens live 3 seconds. */
    public static class ShortLivedTokens implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalPlatformTestResource.class),
                    new TestResourceEntry(PlatformServicesTestResource.class, Map.of("config-prefix",
                            "analytics.audit", "client-id", "analytics-service", "token-lifetime",
                            TOKEN_LIFETIME.toString())));
        }
    }

    @Test
    void eventsIngestedAfterSeveralTokenExpiriesReachTheDashboards() throws Exception {
        TokenEndpoint tokens = PlatformServicesTestResource.tokenEndpoint();
        Path auditLog = PlatformServicesTestResource.serviceLog("audit-service");
        long logStart = Files.size(auditLog);
        String account = Audit.newAccount();
        int issuedBefore = tokens.issued("analytics-service");

        int rounds = 4;
        for (int round = 1; round <= rounds; round++) {
            // Past the lifetime of every token the consumer holds: its next feed reads need a new one.
            Thread.sleep(TOKEN_LIFETIME.plusMillis(700).toMillis());
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(Audit.event(Instant.now().minus(1, ChronoUnit.HOURS), "LOGIN", "LOGIN_SUCCEEDED", "LOGIN",
                        "u-" + i, null, null, null));
            }
            Audit.record(account, events);
            long expected = 5L * round;
            Analytics.await(account, "summary", Map.of(), s -> Analytics.total(s, "logins") == expected);
        }

        int issued = tokens.issued("analytics-service") - issuedBefore;
        assertTrue(issued >= rounds, "a new token after each expiry; issued " + issued);
        assertEquals(0, tokens.refused(), "the service's credentials were never refused");
        String appended = appendedSince(auditLog, logStart);
        assertTrue(appended.lines().anyMatch(line -> line.contains("/internal/v1/feed") && line.contains("\" 200 ")),
                "the audit-service's access log shows the feed reads (else no 401 could be seen either)");
        List<String> unauthorized = appended.lines().filter(line -> line.contains("\" 401 ")).toList();
        assertEquals(List.of(), unauthorized, "the audit-service answered no 401 to the consumer");
    }

    private static String appendedSince(Path log, long offset) throws java.io.IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                StandardCharsets.UTF_8);
    }
}
