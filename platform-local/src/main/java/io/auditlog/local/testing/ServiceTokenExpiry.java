package io.auditlog.local.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.auditlog.local.identity.TokenEndpoint;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A service's client credentials outliving its tokens, the set-up every {@code ServiceTokenExpiryTest} shares: the
 * real audit-service beside the service under test, a token endpoint whose tokens live {@link #TOKEN_LIFETIME}, and
 * a {@link Watch} over the tokens it issued and the audit-service's access log from the test's start.
 */
public final class ServiceTokenExpiry {

    /** How long the endpoint's tokens live: a few expiries fit in a test. */
    public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3);

    private ServiceTokenExpiry() {
    }

    /**
     * The platform as everywhere else, but with a token endpoint whose tokens live {@link #TOKEN_LIFETIME}. A
     * service's profile names its audit-service client settings and its client at the endpoint:
     * {@code public static class ShortLivedTokens extends ServiceTokenExpiry.ShortLivedTokens { public
     * ShortLivedTokens() { super("export.audit", "export-service"); } }}
     */
    public abstract static class ShortLivedTokens implements QuarkusTestProfile {

        private final String configPrefix;
        private final String clientId;

        protected ShortLivedTokens(String configPrefix, String clientId) {
            this.configPrefix = configPrefix;
            this.clientId = clientId;
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalPlatformTestResource.class),
                    new TestResourceEntry(PlatformServicesTestResource.class, Map.of("config-prefix", configPrefix,
                            "client-id", clientId, "token-lifetime", TOKEN_LIFETIME.toString())));
        }
    }

    /** Starts watching the tokens issued to {@code clientId} and the audit-service's access log. */
    public static Watch watch(String clientId) throws IOException {
        return new Watch(clientId);
    }

    /** What the token endpoint issued and the audit-service logged since the watch began. */
    public static final class Watch {

        private final String clientId;
        private final TokenEndpoint tokens = PlatformServicesTestResource.tokenEndpoint();
        private final Path auditLog = PlatformServicesTestResource.serviceLog("audit-service");
        private final long logStart;
        private final int issuedBefore;

        private Watch(String clientId) throws IOException {
            this.clientId = clientId;
            this.logStart = Files.size(auditLog);
            this.issuedBefore = tokens.issued(clientId);
        }

        /** Waits past the lifetime of every token the service holds: its next calls need a new one. */
        public void awaitExpiry() throws InterruptedException {
            Thread.sleep(TOKEN_LIFETIME.plusMillis(700).toMillis());
        }

        /**
         * A new token after each of {@code expiries}, none of the service's credentials refused, and the
         * audit-service's access log showing the calls to {@code calledPath} answered 200 (else no 401 could be
         * seen either) and no 401 at all.
         */
        public void assertRenewedWithoutRefusal(int expiries, String calledPath) throws IOException {
            int issued = tokens.issued(clientId) - issuedBefore;
            assertTrue(issued >= expiries, "a new token after each expiry; issued " + issued);
            assertEquals(0, tokens.refused(), "the service's credentials were never refused");
            String appended = appendedSince(auditLog, logStart);
            assertTrue(appended.lines().anyMatch(line -> line.contains(calledPath) && line.contains("\" 200 ")),
                    "the audit-service's access log shows the calls to " + calledPath
                            + " (else no 401 could be seen either)");
            List<String> unauthorized = appended.lines().filter(line -> line.contains("\" 401 ")).toList();
            assertEquals(List.of(), unauthorized, "the audit-service answered no 401 to the " + clientId);
        }

        private static String appendedSince(Path log, long offset) throws IOException {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        }
    }
}
