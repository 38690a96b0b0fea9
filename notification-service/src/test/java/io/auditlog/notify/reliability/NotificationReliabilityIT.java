package io.auditlog.notify.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.auditlog.local.process.ChildProcesses;
import io.auditlog.notify.support.Eventually;
import io.auditlog.notify.support.Mails;

/**
 * Faults done for real to the packaged service: both replicas killed (SIGKILL) while 50 alert-worthy events
 * arrive; two replicas running side by side; PostgreSQL restarted under them. Each time every alert mail arrives,
 * and none twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationReliabilityIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ACCOUNT = "acct-reliability";
    private static final List<String> ADMINS = List.of("ann@reliability.example", "bob@reliability.example");

    private static GreenMail smtp;
    private static ReliabilityPlatform platform;
    private static final int[] PORTS = { ChildProcesses.freePort(), ChildProcesses.freePort() };
    private static final Process[] REPLICAS = new Process[2];
    private static final List<String> SENT_EVENTS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        int smtpPort = ChildProcesses.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        platform = new ReliabilityPlatform(smtpPort);
        startReplicas();
        for (String email : ADMINS) {
            platform.subscribe(PORTS[0], ACCOUNT, email.substring(0, 3), email);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process replica : REPLICAS) {
            ChildProcesses.stop(replica, Duration.ofSeconds(10));
        }
        if (platform != null) {
            platform.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    @Order(1)
    void eventsThatArriveWhileTheServiceIsDownAreAlertedOnceAfterItsRestart() throws Exception {
        for (Process replica : REPLICAS) {
            replica.destroyForcibly().waitFor();
        }
        ingest("down", 50);
        startReplicas();
        assertEveryAlertMailedOnce();
    }

    @Test
    @Order(2)
    void twoReplicasSendEachAlertOnce() throws Exception {
        ingest("both", 40);
        assertEveryAlertMailedOnce();
    }

    @Test
    @Order(3)
    void theListenerReconnectsAfterAPostgresRestart() throws Exception {
        platform.restartPostgres();
        assertTrue(Eventually.holds(WAIT, platform::auditReady), "the audit-service is back");
        // The timer is two minutes away: mails within the wait below come from NOTIFY on reconnected listeners.
        assertTrue(Eventually.holds(WAIT, () -> count("SELECT count(*) FROM pg_stat_activity"
                + " WHERE application_name = 'notification-service-listener'") >= 2), "both replicas listen again");
        ingest("restart", 20);
        assertEveryAlertMailedOnce();
    }

    /** A count the service keeps in its schema (or the server's session list). */
    private static long count(String sql) {
        try (Connection connection = platform.connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            return -1; // PostgreSQL restarting: asked again
        }
    }

    private static void startReplicas() throws Exception {
        for (int i = 0; i < 2; i++) {
            REPLICAS[i] = platform.startNotificationService(PORTS[i], "notification-service-" + (i + 1));
        }
    }

    private static void ingest(String phase, int events) throws Exception {
        for (int i = 0; i < events; i++) {
            String id = phase + "-" + i;
            Map<String, Object> event = new HashMap<>();
            event.put("id", id);
            event.put("occurredAt", java.time.Instant.now().toString());
            event.put("category", "USER_MANAGEMENT");
            event.put("action", "ADMIN_PERMISSION_REMOVED");
            event.put("actor", Map.of("id", "u-boss", "name", "Bo Boss"));
            event.put("object", Map.of("type", "USER", "id", "u-" + id, "name", "Ex Admin " + id));
            platform.record(ACCOUNT, List.of(event));
            SENT_EVENTS.add(id);
        }
    }

    /** Every event so far mailed to every subscriber exactly once, and nothing else. */
    private static void assertEveryAlertMailedOnce() throws Exception {
        int expected = SENT_EVENTS.size() * ADMINS.size();
        assertTrue(Eventually.holds(WAIT, () -> smtp.getReceivedMessages().length >= expected),
                "expected " + expected + " mails, got " + smtp.getReceivedMessages().length);
        // Nothing more can be sent once every alert is in the outbox and none is pending: a mail sent twice would
        // have been pending (its lease run out) after it was first accepted.
        assertTrue(Eventually.holds(WAIT, () -> count("SELECT count(*) FROM notify.outbox") == expected
                && count("SELECT count(*) FROM notify.outbox WHERE status <> 'sent'") == 0),
                "the outbox holds the " + expected + " alerts, all sent");
        Map<String, Integer> perRecipientAndEvent = new TreeMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            Mails mail = Mails.of(message);
            String recipient = message.getAllRecipients()[0].toString();
            String event = mail.subject().replaceAll("^.*Ex Admin (\\S+) .*$", "$1");
            perRecipientAndEvent.merge(recipient + " " + event, 1, Integer::sum);
        }
        Map<String, Integer> duplicates = new TreeMap<>(perRecipientAndEvent);
        duplicates.values().removeIf(count -> count == 1);
        assertEquals(Map.of(), duplicates, "mails sent twice");
        for (String email : ADMINS) {
            for (String event : SENT_EVENTS) {
                assertEquals(1, perRecipientAndEvent.getOrDefault(email + " " + event, 0), email + " " + event);
            }
        }
        assertEquals(expected, smtp.getReceivedMessages().length);
    }
}
