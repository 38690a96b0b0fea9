package io.auditlog.audit.feed;

import static io.auditlog.audit.support.Api.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.support.Events;
import io.quarkus.test.junit.QuarkusTest;

/** The audit_feed doorbell rings after an ingest commits, and not for a rejected or repeated batch. */
@QuarkusTest
class FeedDoorbellTest {

    @Inject
    AgroalDataSource database;

    @Test
    void ringsOncePerCommittedIngestOnly() throws Exception {
        String account = Events.newAccount();
        try (Connection listener = database.getConnection()) {
            listener.setAutoCommit(true);
            listener.createStatement().execute("LISTEN audit_feed");
            drain(listener, 200); // doorbells of other tests

            Map<String, Object> bad = Events.login("bad", 1, true);
            bad.put("category", "NOPE");
            post(account, Events.batch(List.of(Events.login("ok", 1, true), bad))).statusCode(400);
            assertEquals(0, drain(listener, 500).size(), "a rejected batch rings nothing");

            post(account, Events.batch(List.of(Events.login("a", 1, true), Events.login("b", 1, true)))).statusCode(201);
            List<PGNotification> rung = drain(listener, 2000);
            assertEquals(1, rung.size(), "one ring per transaction, however many events");

            post(account, Events.login("a", 1, true)).statusCode(200);
            assertEquals(0, drain(listener, 500).size(), "a pure repeat stores and rings nothing");
        }
    }

    private static List<PGNotification> drain(Connection connection, int waitMillis) throws Exception {
        List<PGNotification> all = new ArrayList<>();
        PGNotification[] batch = connection.unwrap(PGConnection.class).getNotifications(waitMillis);
        while (batch != null && batch.length > 0) {
            all.addAll(List.of(batch));
            batch = connection.unwrap(PGConnection.class).getNotifications(100);
        }
        return all;
    }
}
