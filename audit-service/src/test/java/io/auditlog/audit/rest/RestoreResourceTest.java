package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The restore API: the producer's endpoint registration, and restore eligibility and requests on a log entry. */
@QuarkusTest
class RestoreResourceTest {

    static final String SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret-42";
    /** Nothing listens there: deliveries fail and retry, so a restore stays pending while a test runs. */
    static final String NOWHERE = "http://127.0.0.1:1/restore";

    static String restore(String eventId) {
        return "/api/v1/events/" + eventId + "/restore";
    }

    static ValidatableResponse register(String account, Object body) {
        return as(Tokens.ingest(account)).body(body).put("/api/v1/restore-endpoint").then();
    }

    static ValidatableResponse ask(String account, String eventId) {
        return as(Tokens.admin(account)).body("{}").post(restore(eventId)).then();
    }

    /** A deletion of contact c-9 {@code minutesAgo} minutes ago, in an account with an endpoint registered. */
    static String accountWithDeletion(String eventId, int minutesAgo) {
        String account = Events.newAccount();
        record(account, List.of(Events.contactDeleted(eventId, minutesAgo), Events.login("login", 3, true)));
        register(account, Map.of("url", NOWHERE, "secret", SECRET)).statusCode(200);
        return account;
    }

    @Test
    void endpointRegistrationIsTheIngestClientsAndNeverAnswersTheSecret() {
        String account = Events.newAccount();
        as(Tokens.ingest(account)).get("/api/v1/restore-endpoint").then().statusCode(404);
        register(account, Map.of("url", "https://crm.example.com/restore", "secret", SECRET)).statusCode(200)
                .body("url", equalTo("https://crm.example.com/restore")).body("updatedAt", notNullValue())
                .body("secretSetAt", notNullValue()).body("$", not(hasKey("secret")))
                .body(not(containsString(SECRET)));
        as(Tokens.ingest(account)).get("/api/v1/restore-endpoint").then().statusCode(200)
                .body("url", equalTo("https://crm.example.com/restore")).body(not(containsString(SECRET)));
        assertStoredEncrypted(account);
        // another account's ingest client sees none
        as(Tokens.ingest(Events.newAccount())).get("/api/v1/restore-endpoint").then().statusCode(404);
        as(Tokens.ingest(account)).delete("/api/v1/restore-endpoint").then().statusCode(204);
        as(Tokens.ingest(account)).get("/api/v1/restore-endpoint").then().statusCode(404);
    }

    @Inject
    AgroalDataSource database;

    /** The secret is in the row only encrypted: not as text, with the key's id and a 12-byte nonce. */
    private void assertStoredEncrypted(String account) {
        try (Connection c = database.getConnection();
                PreparedStatement read = c.prepareStatement("SELECT secret_cipher, secret_nonce, key_id"
                        + " FROM audit.restore_endpoint WHERE account_id = ?")) {
            read.setString(1, account);
            try (ResultSet row = read.executeQuery()) {
                org.junit.jupiter.api.Assertions.assertTrue(row.next());
                byte[] cipher = row.getBytes(1);
                org.junit.jupiter.api.Assertions.assertFalse(
                        new String(cipher, StandardCharsets.ISO_8859_1).contains(SECRET.substring(0, 8)));
                assertEquals(SECRET.length() + 16, cipher.length, "the secret plus the GCM tag");
                assertEquals(12, row.getBytes(2).length);
                assertEquals("k1", row.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void endpointRegistrationNeedsTheIngestRole() {
        String account = Events.newAccount();
        Map<String, String> body = Map.of("url", NOWHERE, "secret", SECRET);
        given().contentType("application/json").body(body).put("/api/v1/restore-endpoint").then().statusCode(401);
        as(Tokens.forged(account)).body(body).put("/api/v1/restore-endpoint").then().statusCode(401);
        as(Tokens.admin(account)).body(body).put("/api/v1/restore-endpoint").then().statusCode(403);
        as(Tokens.noRole(account)).get("/api/v1/restore-endpoint").then().statusCode(403);
        as(Tokens.admin(account)).delete("/api/v1/restore-endpoint").then().statusCode(403);
    }

    @Test
    void badRegistrationsAre400NamingTheFieldAndStoreNothing() {
        String account = Events.newAccount();
        String longSecret = "x".repeat(257);
        Object[][] cases = {
                { Map.of("url", "ftp://crm.example.com/r", "secret", SECRET), "url" },
                { Map.of("url", "/relative/path", "secret", SECRET), "url" },
                { Map.of("url", "https://crm.example.com/a b", "secret", SECRET), "url" },
                { Map.of("url", "https://user:pw@crm.example.com/r", "secret", SECRET), "url" },
                { Map.of("url", "https://crm.example.com/" + "a".repeat(2100), "secret", SECRET), "url" },
                { Map.of("url", "https://crm.example.com/\u0000", "secret", SECRET), "url" },
                { Map.of("url", "https://crm.example.com/r", "secret", "short"), "secret" },
                { Map.of("url", "https://crm.example.com/r", "secret", longSecret), "secret" },
                { Map.of("url", "https://crm.example.com/r", "secret", SECRET + "\u0000"), "secret" },
                { Map.of("url", "https://crm.example.com/r"), "secret" },
                { Map.of("secret", SECRET), "url" } };
        for (Object[] c : cases) {
            register(account, c[0]).statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(c[1]));
        }
        register(account, Map.of("url", "https://crm.example.com/r", "secret", SECRET, "extra", 1)).statusCode(400);
        as(Tokens.ingest(account)).body("not json").put("/api/v1/restore-endpoint").then().statusCode(400);
        as(Tokens.ingest(account)).get("/api/v1/restore-endpoint").then().statusCode(404);
    }

    @Test
    void restoreNeedsASuperAdminOfTheAccount() {
        String account = accountWithDeletion("del", 60);
        given().get(restore("del")).then().statusCode(401);
        given().contentType("application/json").post(restore("del")).then().statusCode(401);
        as(Tokens.forged(account)).body("{}").post(restore("del")).then().statusCode(401);
        as(Tokens.ingest(account)).get(restore("del")).then().statusCode(403);
        as(Tokens.ingest(account)).body("{}").post(restore("del")).then().statusCode(403);
        as(Tokens.noRole(account)).body("{}").post(restore("del")).then().statusCode(403);
        // another account has no such event, whatever its own events are called
        String other = accountWithDeletion("other-del", 60);
        as(Tokens.admin(other)).get(restore("del")).then().statusCode(404);
        ask(other, "del").statusCode(404);
        as(Tokens.admin(account)).get(restore("del")).then().statusCode(200).body("restores", hasSize(0));
        as(Tokens.admin(account)).get(restore("no%00such")).then().statusCode(400);
    }

    @Test
    void anEligibleDeletionIsRequestedAndShown() {
        String account = accountWithDeletion("del", 60);
        as(Tokens.admin(account)).get(restore("del")).then().statusCode(200).body("eligible", equalTo(true))
                .body("$", hasKey("reason")).body("reason", nullValue()).body("restorableUntil", notNullValue())
                .body("restores", hasSize(0));
        var created = ask(account, "del").statusCode(202)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/events/del/restore"))
                .body("state", equalTo("PENDING")).body("requestedBy.id", equalTo("admin-of-" + account))
                .body("requestEventId", notNullValue()).extract().jsonPath();
        String requestEvent = created.getString("requestEventId");
        as(Tokens.admin(account)).get(restore("del")).then().statusCode(200).body("eligible", equalTo(false))
                .body("reason", equalTo("PENDING")).body("restores", hasSize(1))
                .body("restores[0].id", equalTo(created.getString("id")));
        // the request is an audit event of its own, about the deleted object, linked to the deletion
        as(Tokens.admin(account)).get("/api/v1/events/" + requestEvent).then().statusCode(200)
                .body("category", equalTo("AUDIT_LOG")).body("subcategory", equalTo("RESTORE"))
                .body("action", equalTo("RESTORE_REQUESTED")).body("actor.id", equalTo("admin-of-" + account))
                .body("object.id", equalTo("c-9")).body("details.deletionEventId", equalTo("del"))
                .body("details.restoreId", equalTo(created.getString("id")));
    }

    @Test
    void aSecondRequestWhileOneIsPendingIs409() {
        String account = accountWithDeletion("del", 60);
        ask(account, "del").statusCode(202);
        ask(account, "del").statusCode(409).contentType("application/problem+json").body("reason", equalTo("PENDING"))
                .body("detail", containsString("pending"));
    }

    @Test
    void notADeleteIs409() {
        String account = accountWithDeletion("del", 60);
        as(Tokens.admin(account)).get(restore("login")).then().statusCode(200).body("eligible", equalTo(false))
                .body("reason", equalTo("NOT_A_DELETE")).body("restorableUntil", nullValue());
        ask(account, "login").statusCode(409).body("reason", equalTo("NOT_A_DELETE"))
                .body("detail", containsString("LOGIN/LOGIN"));
    }

    @Test
    void withoutAnEndpointIs409() {
        String account = Events.newAccount();
        record(account, List.of(Events.contactDeleted("del", 5)));
        ask(account, "del").statusCode(409).body("reason", equalTo("NO_ENDPOINT"))
                .body("detail", containsString("restore-endpoint"));
        as(Tokens.admin(account)).get(restore("del")).then().body("reason", equalTo("NO_ENDPOINT"));
    }

    @Test
    void theNinetyDayWindowHoldsToItsEdge() {
        int justInside = (89 * 24 + 23) * 60;
        int outside = 91 * 24 * 60;
        String account = Events.newAccount();
        record(account, List.of(Events.contactDeleted("inside", justInside),
                Events.contactDeleted("outside", outside)));
        register(account, Map.of("url", NOWHERE, "secret", SECRET)).statusCode(200);
        var status = as(Tokens.admin(account)).get(restore("outside")).then().statusCode(200)
                .body("eligible", equalTo(false)).body("reason", equalTo("TOO_OLD")).extract().jsonPath();
        String occurred = as(Tokens.admin(account)).get("/api/v1/events/outside").then().extract().path("occurredAt");
        assertEquals(Instant.parse(occurred).plus(90, ChronoUnit.DAYS),
                Instant.parse(status.getString("restorableUntil")));
        ask(account, "outside").statusCode(409).body("reason", equalTo("TOO_OLD"))
                .body("detail", containsString("90 days"));
        ask(account, "inside").statusCode(202);
        // exactly 90 days old is already outside: the window's end is exclusive
        record(account, List.of(Events.contactDeleted("edge", 90 * 24 * 60)));
        ask(account, "edge").statusCode(409).body("reason", equalTo("TOO_OLD"));
    }

    @Test
    void aDeletionThePlanDoesNotShowIs404() {
        String account = accountWithDeletion("del", 60);
        as(Tokens.operator()).body(Map.of("plan", "STARTER")).put("/internal/v1/accounts/" + account + "/plan")
                .then().statusCode(200);
        as(Tokens.admin(account)).get(restore("del")).then().statusCode(404);
        ask(account, "del").statusCode(404);
        as(Tokens.admin(account)).get(restore("login")).then().statusCode(200).body("reason", equalTo("NOT_A_DELETE"));
    }

    @Test
    void twoSimultaneousRequestsGiveExactlyOne202() throws Exception {
        for (int round = 0; round < 3; round++) {
            String account = accountWithDeletion("del", 60);
            int parallel = 6;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    calls.add(() -> {
                        start.await();
                        return ask(account, "del").extract().statusCode();
                    });
                }
                List<Future<Integer>> futures = new ArrayList<>();
                calls.forEach(c -> futures.add(pool.submit(c)));
                start.countDown();
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> f : futures) {
                    codes.add(f.get());
                }
                assertEquals(1, Collections.frequency(codes, 202), "one 202 of " + codes);
                assertEquals(parallel - 1, Collections.frequency(codes, 409), "the rest 409: " + codes);
            } finally {
                pool.shutdownNow();
            }
            as(Tokens.admin(account)).get(restore("del")).then().body("restores", hasSize(1));
            Map<String, Object> query = new HashMap<>(Map.of("category", "AUDIT_LOG"));
            as(Tokens.admin(account)).queryParams(query).get("/api/v1/events").then().statusCode(200)
                    .body("items", hasSize(1));
        }
    }
}
