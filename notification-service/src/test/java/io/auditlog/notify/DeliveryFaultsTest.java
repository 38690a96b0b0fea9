package io.auditlog.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.auditlog.notify.support.Accounts;
import io.auditlog.notify.support.Accounts.Admin;
import io.auditlog.notify.support.Eventually;
import io.auditlog.notify.support.MailServer;
import io.auditlog.notify.support.Mails;
import io.auditlog.notify.support.Progress;
import io.quarkus.test.junit.QuarkusTest;

/** Faults done for real: the SMTP server goes away, the LISTEN connection is cut so notifications are lost. */
@QuarkusTest
class DeliveryFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Test
    void mailsWaitOutAnSmtpOutageAndArriveOnceEach() throws Exception {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Accounts.subscribe(ann, false, true, 10);
        MailServer.down();
        try {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(Accounts.adminRemoved("smtp-" + System.nanoTime() + "-" + i));
            }
            Accounts.record(account, events);
            assertTrue(Eventually.holds(WAIT, () -> failedAttempts(ann.email()) >= 10),
                    "every mail was tried and failed while the server was down");
            assertEquals(0, sent(ann.email()));
        } finally {
            MailServer.up();
        }
        assertEquals(10, MailServer.awaitTo(ann.email(), 10, WAIT).size());
        Progress.awaitOutboxSettled(List.of(ann.email()));
        List<Mails> mails = MailServer.to(ann.email()).stream().map(Mails::of).toList();
        assertEquals(10, mails.size(), "none twice");
        Set<String> messageIds = mails.stream().map(Mails::messageId).collect(Collectors.toSet());
        assertEquals(10, messageIds.size());
        assertEquals(10, sent(ann.email()));
    }

    /**
     * A mail server that takes connections and never answers must not hold a database transaction open while the
     * sender waits for it: the change feeds of every service wait for the oldest writing transaction. Events keep
     * flowing into notifications meanwhile, and once the server is back each mail arrives once.
     */
    @Test
    void aHungMailServerHoldsNoTransactionOpenAndHoldsBackNoFeed() throws Exception {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Accounts.subscribe(ann, false, true, 10);
        String first = "hung-" + System.nanoTime();
        String second = "hung-" + System.nanoTime() + "-2";
        try (AutoCloseable hung = MailServer.hang()) {
            Accounts.record(account, List.of(Accounts.adminRemoved(first)));
            assertTrue(Eventually.holds(WAIT, () -> claimedAttempts(ann.email()) >= 1), "the sender took the mail");
            Accounts.record(account, List.of(Accounts.adminRemoved(second)));
            assertTrue(serviceSessions() >= 1, "the service's sessions carry its name");
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                assertEquals(0, writingTransactionsOlderThanOneSecond(),
                        "no transaction with a transaction id stays open while the SMTP server is silent");
                Thread.sleep(100);
            }
            assertEquals(2, query("SELECT count(*) FROM notify.notification WHERE account_id = ?", account),
                    "the second event became a notification while the first mail was still stuck");
        } finally {
            MailServer.up();
        }
        assertEquals(2, MailServer.awaitTo(ann.email(), 2, WAIT).size());
        Progress.awaitOutboxSettled(List.of(ann.email()));
        assertEquals(2, sent(ann.email()));
        assertEquals(2, MailServer.to(ann.email()).size(), "none twice");
    }

    @Test
    void aLostNotifyOnlyCostsLatency() throws Exception {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Accounts.subscribe(ann, false, true, 10);
        // Cut the LISTEN connection: NOTIFY audit_feed sent until it is back is lost for good.
        assertTrue(terminateListener() >= 1, "the service listens on its own connection");
        List<Map<String, Object>> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add("lost-" + System.nanoTime() + "-" + i);
            events.add(Accounts.adminRemoved(ids.get(i)));
        }
        Accounts.record(account, events);

        assertEquals(5, MailServer.awaitTo(ann.email(), 5, WAIT).size());
        assertTrue(Eventually.holds(WAIT, () -> listeners() >= 1), "the listener reconnects");
        Progress.awaitSettled(ids, List.of(ann.email()));
        assertEquals(5, MailServer.to(ann.email()).size());
    }

    private int terminateListener() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement kill = connection.prepareStatement("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                         WHERE application_name = 'notification-service-listener' AND datname = current_database()""");
                ResultSet row = kill.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private int listeners() {
        return query("""
                SELECT count(*) FROM pg_stat_activity
                 WHERE application_name = 'notification-service-listener' AND datname = current_database()""", null);
    }

    private int failedAttempts(String recipient) {
        return query("SELECT count(*) FROM notify.outbox WHERE recipient = ? AND attempts >= 1 AND status = 'pending'",
                recipient);
    }

    private int claimedAttempts(String recipient) {
        return query("SELECT count(*) FROM notify.outbox WHERE recipient = ? AND attempts >= 1", recipient);
    }

    /** This service's own sessions only: the audit- and export-service of the test run write too. */
    private int writingTransactionsOlderThanOneSecond() {
        return query("""
                SELECT count(*) FROM pg_stat_activity
                 WHERE backend_xid IS NOT NULL AND xact_start < now() - interval '1 second' AND pid <> pg_backend_pid()
                   AND datname = current_database() AND application_name = ?""", "notification-service");
    }

    /** The check above would pass if it found no session at all: it finds this service's pooled sessions. */
    private int serviceSessions() {
        return query("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?""",
                "notification-service");
    }

    private int sent(String recipient) {
        return query("SELECT count(*) FROM notify.outbox WHERE recipient = ? AND status = 'sent'", recipient);
    }

    private int query(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
