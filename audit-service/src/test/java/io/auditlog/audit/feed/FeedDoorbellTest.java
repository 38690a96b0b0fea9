package io.auditlog.audit.feed;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.service.FeedRinger;
import io.auditlog.audit.support.Events;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The audit_feed doorbell rings after an ingest commits, and not for a rejected or repeated batch; after a person's
 * read is recorded, once for the records of a short while.
 *
 * <p>
 * "Nothing rang" is decided without waiting for a while: after each request the test rings the doorbell itself, with
 * a payload of its own (the service's rings carry none), and reads until its own ring arrives. PostgreSQL delivers
 * notifications in commit order, and a request is answered only after its transaction ended, so a ring of the
 * request would arrive before the test's own. The test run's database is its own, and the tests of one run do not
 * run at the same time, so no other writer rings in between.
 */
@QuarkusTest
class FeedDoorbellTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource database;

    @Inject
    FeedRinger feedRinger;

    @Test
    void ringsOncePerCommittedIngestOnly() throws Exception {
        String account = Events.newAccount();
        try (Connection listener = database.getConnection(); Connection ringer = database.getConnection()) {
            listener.setAutoCommit(true);
            listener.createStatement().execute("LISTEN audit_feed");
            ringsUntilOwn(listener, ringer); // whatever rang before this test

            Map<String, Object> bad = Events.login("bad", 1, true);
            bad.put("category", "NOPE");
            post(account, Events.batch(List.of(Events.login("ok", 1, true), bad))).statusCode(400);
            assertEquals(0, ringsUntilOwn(listener, ringer).size(), "a rejected batch rings nothing");

            post(account, Events.batch(List.of(Events.login("a", 1, true), Events.login("b", 1, true)))).statusCode(201);
            assertEquals(1, ringsUntilOwn(listener, ringer).size(), "one ring per transaction, however many events");

            post(account, Events.login("a", 1, true)).statusCode(200);
            assertEquals(0, ringsUntilOwn(listener, ringer).size(), "a pure repeat stores and rings nothing");
        }
    }

    @Test
    void aPersonsSearchRingsOnceItsEventCommitted() throws Exception {
        String account = Events.newAccount();
        post(account, Events.login("a", 1, true)).statusCode(201);
        String person = "reader-" + UUID.randomUUID();
        String token = LocalPlatformTestResource.identity().token(person, account, List.of(Roles.ADMIN),
                Duration.ofMinutes(5), Map.of("name", "Reader", "email", person + "@example.com"));
        try (Connection listener = database.getConnection(); Connection ringer = database.getConnection()) {
            listener.setAutoCommit(true);
            listener.createStatement().execute("LISTEN audit_feed");
            ringsUntilOwn(listener, ringer);

            as(token).queryParam("category", "LOGIN").get("/api/v1/events").then().statusCode(200);
            // The ring follows the record's commit by audit.log-access.ring-after (50 ms), not within the request.
            PGNotification ring = nextRing(listener);
            assertEquals("", ring.getParameter(), "the service's ring carries no payload");
            assertEquals(1, auditLogEvents(ringer, account), "the read's event committed before its ring");
        }
    }

    @Test
    void writesWithinTheDelayShareOneRingAndALaterOneRingsAgain() throws Exception {
        try (Connection listener = database.getConnection(); Connection ringer = database.getConnection()) {
            listener.setAutoCommit(true);
            listener.createStatement().execute("LISTEN audit_feed");
            // A ring still pending from an earlier test's record (due within 50 ms of it) has rung by then, so it
            // can neither share the five calls' ring nor come as a second one.
            Thread.sleep(500);
            ringsUntilOwn(listener, ringer);

            for (int i = 0; i < 5; i++) {
                feedRinger.ringSoon();
            }
            nextRing(listener);
            // Ten times the delay: a second ring of the five calls would have come by now.
            Thread.sleep(500);
            assertEquals(0, ringsUntilOwn(listener, ringer).size(), "five calls within the delay ring once");

            feedRinger.ringSoon();
            assertEquals("", nextRing(listener).getParameter(), "a call after the ring rings again");
        }
    }

    private static PGNotification nextRing(Connection listener) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(500);
            if (batch != null && batch.length > 0) {
                return batch[0];
            }
        }
        return fail("no ring within " + PATIENCE);
    }

    private static long auditLogEvents(Connection connection, String account) throws Exception {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM audit.event WHERE account_id = ? AND category = 'AUDIT_LOG'")) {
            count.setString(1, account);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The rings the listener receives before the test's own ring, sent now. */
    private static List<PGNotification> ringsUntilOwn(Connection listener, Connection ringer) throws Exception {
        String own = "test-" + UUID.randomUUID();
        ringer.setAutoCommit(true);
        try (PreparedStatement ring = ringer.prepareStatement("SELECT pg_notify('audit_feed', ?)")) {
            ring.setString(1, own);
            ring.execute();
        }
        List<PGNotification> before = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(500);
            for (PGNotification notification : batch == null ? new PGNotification[0] : batch) {
                if (own.equals(notification.getParameter())) {
                    return before;
                }
                before.add(notification);
            }
        }
        return fail("the test's own ring did not arrive within " + PATIENCE);
    }
}
