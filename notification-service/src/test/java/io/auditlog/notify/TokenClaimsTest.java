package io.auditlog.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.auditlog.local.testing.LocalPlatformTestResource;
import io.auditlog.notify.support.Accounts;
import io.auditlog.notify.support.Accounts.Admin;
import io.auditlog.notify.support.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Tokens whose claims are not exactly what the service stores, on every endpoint, against the data of a real admin
 * of the account the claim nearly names: a quoted, padded or NUL-carrying account id, or one that is not a string,
 * is refused (401), never normalised into that account; so is a subject or mail address PostgreSQL cannot store,
 * and an address that is not one plain address (a list or a display name would reach the mail's recipients).
 * Each answer is problem+json, shows none of the account's data, and changes nothing of it.
 */
@QuarkusTest
class TokenClaimsTest {

    private static final String SETTINGS = "/api/v1/notification-settings";
    private static final String LIST = "/api/v1/notifications";

    /** A super admin of a fresh account with saved settings (threshold 7) and one unread notification. */
    record Fixture(Admin admin, String notificationId) {
    }

    /** An endpoint called with a token. */
    record Endpoint(String name, BiFunction<String, Fixture, Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(new Endpoint("GET settings", (token, f) -> given().auth().oauth2(token).get(SETTINGS)),
                new Endpoint("PUT settings", (token, f) -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(Map.of("alerts", Map.of("multipleExports", true, "adminPermissionRemoved", false),
                                "mail", Map.of("exportReady", false, "mentions", false), "multipleExportsThreshold", 3))
                        .put(SETTINGS)),
                new Endpoint("GET notifications", (token, f) -> given().auth().oauth2(token).get(LIST)),
                new Endpoint("POST read one", (token, f) -> given().auth().oauth2(token)
                        .post(LIST + "/" + f.notificationId() + "/read")),
                new Endpoint("POST read all", (token, f) -> given().auth().oauth2(token).post(LIST + "/read")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anAccountClaimThatIsNotExactlyAnAccountIdIsRefused(Endpoint endpoint) throws Exception {
        Fixture fixture = fixture();
        String account = fixture.admin().account();
        for (Object claim : List.of(account + "\"", "\"" + account + "\"", account + "\u0000", " " + account,
                account + " ", 42, List.of(account), Map.of("id", account))) {
            String token = token(fixture.admin().userId(), Map.of("account_id", claim, "email",
                    fixture.admin().email()));
            refused(endpoint, token, fixture, "account_id " + claim);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aSubjectOrMailAddressThatCannotBeStoredIsRefused(Endpoint endpoint) throws Exception {
        Fixture fixture = fixture();
        String account = fixture.admin().account();
        String user = fixture.admin().userId();
        String email = fixture.admin().email();
        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of("sub", user + "\u0000", "email", email), Map.of("sub", user + "\n", "email", email),
                Map.of("sub", "", "email", email), Map.of("sub", user + "x".repeat(300), "email", email),
                Map.of("sub", user, "email", email + "\u0000"), Map.of("sub", user, "email", email + "\r\nBcc: x@y.z"),
                Map.of("sub", user, "email", "x".repeat(300) + email),
                Map.of("sub", user, "email", email + ",evil@attacker.example"),
                Map.of("sub", user, "email", "Ann <" + email + ">"))) {
            Map<String, Object> all = new HashMap<>(claims);
            all.put("account_id", account);
            refused(endpoint, token(user, all), fixture, claims.toString());
        }
    }

    private static void refused(Endpoint endpoint, String token, Fixture fixture, String what) {
        Response response = endpoint.call().apply(token, fixture);
        assertEquals(401, response.statusCode(), endpoint + " with " + what + ": " + response.asString());
        response.then().contentType("application/problem+json");
        // (The problem's instance is the request's own path, which may hold the id the caller sent.)
        assertFalse(response.asString().contains("Admin permission removed"), "no notification of the account");
        assertFalse(response.asString().contains(fixture.admin().email()), "no settings of the account");
        assertFalse(response.asString().contains("multipleExportsThreshold"), "no settings of the account");
        Admin admin = fixture.admin();
        given().auth().oauth2(admin.token()).get(SETTINGS).then().statusCode(200)
                .body("multipleExportsThreshold", equalTo(7)).body("alerts.multipleExports", equalTo(false))
                .body("mail.exportReady", equalTo(true));
        given().auth().oauth2(admin.token()).get(LIST).then().statusCode(200).body("unreadCount", equalTo(1))
                .body("items[0].read", equalTo(false));
    }

    private static String token(String subject, Map<String, Object> claims) {
        return LocalPlatformTestResource.identity().token(subject, null, List.of("audit-admin"), Duration.ofHours(1),
                claims);
    }

    static Fixture fixture() throws Exception {
        Admin admin = Accounts.admin(Accounts.newAccount(), "ann");
        Accounts.subscribe(admin, false, true, 7);
        Accounts.record(admin.account(), List.of(Accounts.adminRemoved("claims-" + UUID.randomUUID())));
        assertTrue(Eventually.holds(Duration.ofSeconds(30), () -> Integer.valueOf(1).equals(given().auth()
                .oauth2(admin.token()).get(LIST).then().extract().path("unreadCount"))), "the notification came");
        String id = given().auth().oauth2(admin.token()).get(LIST).then().extract().path("items[0].id");
        return new Fixture(admin, id);
    }
}
