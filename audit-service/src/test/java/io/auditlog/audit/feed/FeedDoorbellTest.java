package io.auditlog.audit.feed;

import static io.auditlog.audit.support.Api.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
import io.auditlog.audit.support.Events;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The audit_feed doorbell rings after an ingest commits, and not for a rejected or repeated batch.
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
