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
        Thread.sleep(2000);
        List<Mails> mails = MailServer.to(ann.email()).stream().map(Mails::of).toList();
        assertEquals(10, mails.size(), "none twice");
        Set<String> messageIds = mails.stream().map(Mails::messageId).collect(Collectors.toSet());
        assertEquals(10, messageIds.size());
        assertEquals(10, sent(ann.email()));
    }

    @Test
    void aLostNotifyOnlyCostsLatency() throws Exception {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Accounts.subscribe(ann, false, true, 10);
        // Cut the LISTEN connection: NOTIFY audit_feed sent until it is back is lost for good.
        assertTrue(terminateListener() >= 1, "the service listens on its own connection");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(Accounts.adminRemoved("lost-" + System.nanoTime() + "-" + i));
        }
        Accounts.record(account, events);

        assertEquals(5, MailServer.awaitTo(ann.email(), 5, WAIT).size());
        assertTrue(Eventually.holds(WAIT, () -> listeners() >= 1), "the listener reconnects");
        Thread.sleep(1500);
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
