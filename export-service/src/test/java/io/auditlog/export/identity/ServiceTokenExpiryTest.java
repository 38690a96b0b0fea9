package io.auditlog.export.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.local.identity.TokenEndpoint;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.auditlog.local.testing.PlatformServicesTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The export-service's credentials outlive its tokens: the token endpoint's tokens live 3 seconds, and reports
 * requested after several expiries still complete (the request's check, the EXPORT record with the service's
 * token, the report stream with the service's token), with no 401 answered by the audit-service and the tokens
 * renewed at the endpoint. A static token (the service's credentials before #12) is refused once it expires: the
 * request then fails with 503 "The audit-service answered 401".
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
                    new TestResourceEntry(PlatformServicesTestResource.class, Map.of("config-prefix", "export.audit",
                            "client-id", "export-service", "token-lifetime", TOKEN_LIFETIME.toString())));
        }
    }

    @Test
    void reportsRequestedAfterSeveralTokenExpiriesComplete() throws Exception {
        TokenEndpoint tokens = PlatformServicesTestResource.tokenEndpoint();
        Path auditLog = PlatformServicesTestResource.serviceLog("audit-service");
        long logStart = Files.size(auditLog);
        String account = Audit.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(Audit.event("login-" + i, 400 - i, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN"));
        }
        Audit.record(account, events);

        int rounds = 4;
        int issuedBefore = tokens.issued("export-service");
        for (int round = 0; round < rounds; round++) {
            // Past the lifetime of every token the service holds: the next calls need a new one.
            Thread.sleep(TOKEN_LIFETIME.plusMillis(700).toMillis());
            String id = Exports.start(account, Map.of("type", "audit-log", "filters", Map.of("category", "LOGIN")));
            JsonPath job = Exports.await(account, id, "COMPLETED");
            assertEquals(40, job.getLong("rowsWritten"), "round " + round + ": the report read every row");
        }

        // Each report was recorded as an EXPORT action with the service's token.
        JsonPath recorded = given().auth().oauth2(Audit.admin(account)).queryParam("category", "EXPORT")
                .queryParam("limit", 100).get(auditUrl() + "/api/v1/events").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(rounds, recorded.getList("items").size(), "every export was recorded in the audit log");

        int issued = tokens.issued("export-service") - issuedBefore;
        assertTrue(issued >= rounds, "a new token after each expiry; issued " + issued);
        assertEquals(0, tokens.refused(), "the service's credentials were never refused");
        String appended = appendedSince(auditLog, logStart);
        assertTrue(appended.lines().anyMatch(line -> line.contains("/api/v1/events/export") && line.contains("\" 200 ")),
                "the audit-service's access log shows the report streams (else no 401 could be seen either)");
        List<String> unauthorized = appended.lines().filter(line -> line.contains("\" 401 ")).toList();
        assertEquals(List.of(), unauthorized, "the audit-service answered no 401 to the export-service");
    }

    private static String auditUrl() {
        return ConfigProvider.getConfig().getValue("export.audit.url", String.class);
    }

    private static String appendedSince(Path log, long offset) throws java.io.IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                StandardCharsets.UTF_8);
    }
}
