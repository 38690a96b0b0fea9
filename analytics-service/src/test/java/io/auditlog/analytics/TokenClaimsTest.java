package io.auditlog.analytics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.auditlog.analytics.support.Analytics;
import io.auditlog.analytics.support.Audit;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Tokens whose account claim is not exactly an account id (quoted, padded, with NUL, not a string), on every
 * endpoint, against the counted events of the account the claim nearly names: each is refused with 401
 * problem+json, never normalised into that account, and shows none of its data. The operator endpoints take no
 * account, but a malformed claim in an operator's token is refused there too (and a rebuild is not started).
 */
@QuarkusTest
class TokenClaimsTest {

    /** An endpoint: path, HTTP method, the role it needs. */
    record Endpoint(String method, String path, String role) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(new Endpoint("GET", "/api/v1/analytics/summary", "audit-admin"),
                new Endpoint("GET", "/api/v1/analytics/series?groupBy=category", "audit-admin"),
                new Endpoint("GET", "/api/v1/analytics/top-actors", "audit-admin"),
                new Endpoint("GET", "/api/v1/analytics/top-objects", "audit-admin"),
                new Endpoint("GET", "/internal/v1/analytics/status", "platform-operator"),
                new Endpoint("POST", "/internal/v1/analytics/rebuild", "platform-operator"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anAccountClaimThatIsNotExactlyAnAccountIdIsRefused(Endpoint endpoint) throws Exception {
        String account = Audit.newAccount();
        String actor = "u-secret-" + UUID.randomUUID();
        Audit.record(account, List.of(Audit.event(Instant.now().minus(1, ChronoUnit.HOURS), "LOGIN",
                "LOGIN_SUCCEEDED", "LOGIN", actor, null, "CONTACT", "c-secret")));
        Analytics.await(account, "summary", Map.of(), s -> Analytics.total(s, "logins") == 1);
        long eventsApplied = given().auth().oauth2(Audit.operator()).get("/internal/v1/analytics/status").then()
                .statusCode(200).extract().jsonPath().getLong("eventsApplied");

        for (Object claim : List.of(account + "\"", "\"" + account + "\"", account + "\u0000", " " + account,
                account + " ", 42, List.of(account), Map.of("id", account))) {
            String token = LocalPlatformTestResource.identity().token("someone", null, List.of(endpoint.role()),
                    Duration.ofHours(1), Map.of("account_id", claim));
            Response response = given().auth().oauth2(token).request(endpoint.method(), endpoint.path());
            assertEquals(401, response.statusCode(), endpoint + " with account_id " + claim + ": "
                    + response.asString());
            response.then().contentType("application/problem+json");
            assertFalse(response.asString().contains(actor), "none of the account's actors");
            assertFalse(response.asString().contains("c-secret"), "none of the account's objects");
        }
        // Nothing was rebuilt: the rollups still count what they counted.
        long after = given().auth().oauth2(Audit.operator()).get("/internal/v1/analytics/status").then()
                .statusCode(200).extract().jsonPath().getLong("eventsApplied");
        assertFalse(after < eventsApplied, "no rebuild started");
    }
}
