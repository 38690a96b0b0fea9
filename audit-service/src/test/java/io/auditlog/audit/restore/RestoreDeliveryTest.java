package io.auditlog.audit.restore;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.domain.RestoreSignature;
import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The delivery job against a real HTTP producer on a free port: signed requests, retries with back-off, failure at
 * once on a 4xx, giving up at the maximum age (the test profile's durations are seconds), and claims of a dead
 * replica taken over once their lease ends.
 */
@QuarkusTest
class RestoreDeliveryTest {

    static final String SECRET = "delivery-secret-delivery-secret-0123456789";

    @Inject
    AgroalDataSource database;

    static String accountWithDeletion(Producer producer, String... eventIds) {
        String account = Events.newAccount();
        record(account, java.util.Arrays.stream(eventIds).map(id -> Events.contactDeleted(id, 30)).toList());
        as(Tokens.ingest(account)).body(Map.of("url", producer.url(), "secret", SECRET))
                .put("/api/v1/restore-endpoint").then().statusCode(200);
        return account;
    }

    static JsonPath status(String account, String eventId) {
        return as(Tokens.admin(account)).get("/api/v1/events/" + eventId + "/restore").then().statusCode(200)
                .extract().jsonPath();
    }

    /** The deletion's status once {@code done} holds of its newest restore, polling for at most {@code atMost}. */
    static JsonPath awaitRestore(String account, String eventId, Duration atMost, Predicate<JsonPath> done)
            throws InterruptedException {
        Instant until = Instant.now().plus(atMost);
        JsonPath last = status(account, eventId);
        while (!done.test(last)) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("restore not done within " + atMost + ": " + last.prettify());
            }
            Thread.sleep(100);
            last = status(account, eventId);
        }
        return last;
    }

    static Predicate<JsonPath> ended() {
        return s -> !"PENDING".equals(s.getString("restores[0].state"));
    }

    static JsonPath event(String account, String id) {
        return as(Tokens.admin(account)).get("/api/v1/events/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aServerErrorIsRetriedThenTheSignedRequestSucceeds() throws Exception {
        try (Producer producer = new Producer(500, 200)) {
            String account = accountWithDeletion(producer, "del");
            String restoreId = as(Tokens.admin(account)).body("{}").post("/api/v1/events/del/restore").then()
                    .statusCode(202).extract().path("id");
            JsonPath done = awaitRestore(account, "del", Duration.ofSeconds(15), ended());
            assertEquals("SUCCEEDED", done.getString("restores[0].state"));
            assertEquals(2, done.getInt("restores[0].attempts"));
            assertEquals("the endpoint answered HTTP 500", done.getString("restores[0].lastError"));

            List<Producer.Received> got = producer.received();
            assertEquals(2, got.size());
            for (Producer.Received r : got) {
                assertEquals(restoreId, r.restoreId());
                assertTrue(r.contentType().startsWith("application/json"));
                assertTrue(RestoreSignature.verifies(SECRET, r.signature(), r.body()), "signature verifies");
                assertFalse(RestoreSignature.verifies(SECRET, r.signature(), r.body().replace("c-9", "c-8")),
                        "a tampered body fails");
                assertFalse(RestoreSignature.verifies("another-secret-another-secret-0000", r.signature(), r.body()));
                long t = Long.parseLong(r.signature().substring(2, r.signature().indexOf(',')));
                assertTrue(Math.abs(Instant.now().getEpochSecond() - t) < 60, "the timestamp is now");
            }
            JsonPath body = JsonPath.from(got.get(0).body());
            assertEquals(restoreId, body.getString("restoreId"));
            assertEquals(account, body.getString("accountId"));
            assertEquals("del", body.getString("deletionEventId"));
            assertEquals(Map.of("type", "CONTACT", "id", "c-9", "name", "Carla Diaz"), body.getMap("object"));
            assertEquals("admin-of-" + account, body.getString("requestedBy.id"));
            assertEquals(got.get(0).body(), got.get(1).body(), "every attempt sends the same body");

            JsonPath outcome = event(account, done.getString("restores[0].outcomeEventId"));
            assertEquals("RESTORE_SUCCEEDED", outcome.getString("action"));
            assertEquals("AUDIT_LOG", outcome.getString("category"));
            assertEquals("SYSTEM", outcome.getString("actor.type"));
            assertEquals("c-9", outcome.getString("object.id"));
            assertEquals("del", outcome.getString("details.deletionEventId"));
            assertEquals(restoreId, outcome.getString("details.restoreId"));
            assertEquals(2, outcome.getInt("details.attempts"));
            // a delete can be restored again once the last restore ended
            assertTrue(done.getBoolean("eligible"));
        }
    }

    @Test
    void aClientErrorFailsAtOnce() throws Exception {
        try (Producer producer = new Producer(400)) {
            String account = accountWithDeletion(producer, "del");
            as(Tokens.admin(account)).body("{}").post("/api/v1/events/del/restore").then().statusCode(202);
            JsonPath done = awaitRestore(account, "del", Duration.ofSeconds(10), ended());
            assertEquals("FAILED", done.getString("restores[0].state"));
            assertEquals(1, done.getInt("restores[0].attempts"));
            Thread.sleep(800); // longer than the first retry's wait: no second attempt comes
            assertEquals(1, producer.received().size());
            JsonPath outcome = event(account, done.getString("restores[0].outcomeEventId"));
            assertEquals("RESTORE_FAILED", outcome.getString("action"));
            assertEquals("the endpoint answered HTTP 400", outcome.getString("details.error"));
        }
    }

    @Test
    void aProducerThatNeverAnswersIsRetriedThenFailsAtTheMaximumAge() throws Exception {
        try (Producer producer = new Producer(0)) {
            String account = accountWithDeletion(producer, "del");
            Instant asked = Instant.now();
            as(Tokens.admin(account)).body("{}").post("/api/v1/events/del/restore").then().statusCode(202);
            JsonPath done = awaitRestore(account, "del", Duration.ofSeconds(25), ended());
            assertEquals("FAILED", done.getString("restores[0].state"));
            assertTrue(done.getInt("restores[0].attempts") >= 3, "retried: " + done.prettify());
            assertTrue(done.getString("restores[0].lastError").contains("no answer within 1000 ms"),
                    done.getString("restores[0].lastError"));
            assertTrue(Duration.between(asked, Instant.now()).compareTo(Duration.ofSeconds(6)) >= 0,
                    "not before the maximum age");
            assertEquals(done.getInt("restores[0].attempts"), producer.received().size());
            assertEquals("RESTORE_FAILED", event(account, done.getString("restores[0].outcomeEventId"))
                    .getString("action"));
        }
    }

    @Test
    void aDeadReplicasExpiredClaimIsDeliveredOnceAndALiveClaimIsLeftAlone() throws Exception {
        try (Producer producer = new Producer(200)) {
            String account = accountWithDeletion(producer, "expired", "live");
            UUID expired = UUID.randomUUID();
            UUID live = UUID.randomUUID();
            claimedRow(expired, account, "expired", "now() - interval '1 second'");
            claimedRow(live, account, "live", "now() + interval '1 hour'");

            JsonPath done = awaitRestore(account, "expired", Duration.ofSeconds(10), ended());
            assertEquals("SUCCEEDED", done.getString("restores[0].state"));
            assertEquals(2, done.getInt("restores[0].attempts"), "the dead replica's attempt and this one");
            Thread.sleep(1_000); // several more runs of the job
            List<Producer.Received> got = producer.received();
            assertEquals(1, got.size(), "delivered exactly once");
            assertEquals(expired.toString(), got.get(0).restoreId());
            assertEquals("PENDING", status(account, "live").getString("restores[0].state"),
                    "a live lease of another replica is not taken");
            as(Tokens.admin(account)).queryParam("category", "AUDIT_LOG").queryParam("action", "RESTORE_SUCCEEDED")
                    .get("/api/v1/events").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.is(1));
        }
    }

    /** A pending restore as a replica leaves it that was killed during its first attempt. */
    private void claimedRow(UUID id, String account, String eventId, String leaseUntil) throws SQLException {
        String payload = "{\"restoreId\":\"" + id + "\",\"accountId\":\"" + account + "\",\"deletionEventId\":\""
                + eventId + "\",\"object\":{\"type\":\"CONTACT\",\"id\":\"c-9\",\"name\":\"Carla Diaz\"}}";
        try (Connection c = database.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO audit.restore (restore_id, account_id,"
                        + " deletion_event_id, payload, requested_by_id, requested_by_name, requested_at, state,"
                        + " attempts, last_attempt_at, next_attempt_at, lease_owner, lease_until, request_event_id)"
                        + " VALUES (?, ?, ?, ?, 'u-1', 'Ann', now(), 'PENDING', 1, now(), now(), 'dead-replica', "
                        + leaseUntil + ", 'req-" + id + "')")) {
            insert.setObject(1, id);
            insert.setString(2, account);
            insert.setString(3, eventId);
            insert.setString(4, payload);
            insert.executeUpdate();
        }
    }
}
