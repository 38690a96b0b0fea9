package io.auditlog.export.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.local.testing.ServiceTokenExpiry;
import io.quarkus.test.junit.QuarkusTest;
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

    /** The platform as everywhere else, but with a token endpoint whose tokens live 3 seconds. */
    public static class ShortLivedTokens extends ServiceTokenExpiry.ShortLivedTokens {
        public ShortLivedTokens() {
            super("export.audit", "export-service");
        }
    }

    @Test
    void reportsRequestedAfterSeveralTokenExpiriesComplete() throws Exception {
        String account = Audit.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(Audit.event("login-" + i, 400 - i, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN"));
        }
        Audit.record(account, events);

        int rounds = 4;
        ServiceTokenExpiry.Watch watch = ServiceTokenExpiry.watch("export-service");
        for (int round = 0; round < rounds; round++) {
            watch.awaitExpiry();
            String id = Exports.start(account, Map.of("type", "audit-log", "filters", Map.of("category", "LOGIN")));
            JsonPath job = Exports.await(account, id, "COMPLETED");
            assertEquals(40, job.getLong("rowsWritten"), "round " + round + ": the report read every row");
        }

        // Each report was recorded as an EXPORT action with the service's token.
        JsonPath recorded = given().auth().oauth2(Audit.admin(account)).queryParam("category", "EXPORT")
                .queryParam("limit", 100).get(auditUrl() + "/api/v1/events").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(rounds, recorded.getList("items").size(), "every export was recorded in the audit log");

        watch.assertRenewedWithoutRefusal(rounds, "/api/v1/events/export");
    }

    private static String auditUrl() {
        return ConfigProvider.getConfig().getValue("export.audit.url", String.class);
    }
}
