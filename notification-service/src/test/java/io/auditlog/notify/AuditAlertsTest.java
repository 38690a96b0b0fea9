package io.auditlog.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.auditlog.common.feed.FeedPosition;
import io.auditlog.notify.feed.FeedWorkers;
import io.auditlog.notify.support.Accounts;
import io.auditlog.notify.support.Accounts.Admin;
import io.auditlog.notify.support.Eventually;
import io.auditlog.notify.support.MailServer;
import io.auditlog.notify.support.Mails;
import io.quarkus.test.junit.QuarkusTest;

/** The two alerts of the product pages, from events sent to the real audit-service to mails at a real SMTP server. */
@QuarkusTest
class AuditAlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DataSource dataSource;
    @Inject
    FeedWorkers feeds;

    @Test
    void adminPermissionRemovedMailsEverySubscriberOfTheAccountOnce() throws Exception {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Admin bob = Accounts.admin(account, "bob");
        Admin quiet = Accounts.admin(account, "quiet");
        Admin elsewhere = Accounts.admin(Accounts.newAccount(), "eve");
        Accounts.subscribe(ann, false, true, 10);
        Accounts.subscribe(bob, true, true, 10);
        Accounts.subscribe(quiet, true, false, 10);
        Accounts.subscribe(elsewhere, true, true, 10);

        String eventId = "rm-" + System.nanoTime();
        Accounts.record(account, List.of(Accounts.adminRemoved(eventId)));

        for (Admin admin : List.of(ann, bob)) {
            List<MimeMessage> mails = MailServer.awaitTo(admin.email(), 1, WAIT);
            assertEquals(1, mails.size(), admin.email());
            Mails mail = Mails.of(mails.get(0));
            assertEquals("[Audit log] Admin permission removed: Ex Admin " + eventId + " (u-" + eventId + ")",
                    mail.subject());
            assertTrue(mail.text().contains("Bo Boss <boss@example.com> removed the admin permission of Ex Admin "
                    + eventId), mail.text());
            assertTrue(mail.text().contains("account " + account), mail.text());
            assertTrue(mail.text().contains("http://localhost:8081/api/v1/events/" + eventId), mail.text());
            assertTrue(mail.text().contains("To unsubscribe"), mail.text());
            assertTrue(mail.html().contains("href=\"http://localhost:8081/api/v1/events/" + eventId + "\""), mail.html());
            assertTrue(mail.html().contains("Bo Boss &lt;boss@example.com&gt;"), "HTML is escaped: " + mail.html());
        }
        given().auth().oauth2(ann.token()).get("/api/v1/notifications").then().statusCode(200)
                .body("items", hasSize(1)).body("unreadCount", equalTo(1))
                .body("items[0].kind", equalTo("admin-permission-removed"))
                .body("items[0].eventId", equalTo(eventId)).body("items[0].read", equalTo(false));
        Thread.sleep(1500);
        assertEquals(List.of(), MailServer.to(quiet.email()));
        assertEquals(List.of(), MailServer.to(elsewhere.email()));
        assertEquals(1, MailServer.to(ann.email()).size());
        given().auth().oauth2(quiet.token()).get("/api/v1/notifications").then().body("items", hasSize(0));
    }

    @Test
    void multipleExportsFiresOncePerAccountAndDayAboveTheThreshold() throws Exception {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Accounts.subscribe(ann, true, false, 3);
        String run = "x" + System.nanoTime();

        Accounts.record(account, List.of(Accounts.exported(run + "-1"), Accounts.exported(run + "-2"),
                Accounts.exported(run + "-3")));
        Thread.sleep(1500);
        assertEquals(List.of(), MailServer.to(ann.email()), "three exports do not pass a threshold of three");

        Accounts.record(account, List.of(Accounts.exported(run + "-4"), Accounts.exported(run + "-5")));
        List<MimeMessage> mails = MailServer.awaitTo(ann.email(), 1, WAIT);
        assertEquals(1, mails.size());
        Mails mail = Mails.of(mails.get(0));
        String today = Instant.now().toString().substring(0, 10);
        assertTrue(mail.subject().startsWith("[Audit log] Multiple exports: "), mail.subject());
        assertTrue(mail.subject().endsWith(" exports on " + today), mail.subject());
        assertTrue(mail.text().contains("action=EXPORT&from=" + today + "T00%3A00%3A00Z"), mail.text());

        List<Map<String, Object>> more = new ArrayList<>();
        for (int i = 6; i <= 12; i++) {
            more.add(Accounts.exported(run + "-" + i));
        }
        Accounts.record(account, more);
        Thread.sleep(2000);
        assertEquals(1, MailServer.to(ann.email()).size(), "once a day, however many exports follow");
    }

    @Test
    void staleEventsRaiseNoAlert() throws Exception {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Accounts.subscribe(ann, true, true, 10);
        String old = "old-" + System.nanoTime();
        String fresh = "fresh-" + System.nanoTime();
        Accounts.record(account, List.of(Accounts.event(old, Instant.now().minus(Duration.ofDays(10)),
                "USER_MANAGEMENT", "ADMIN_PERMISSION_REMOVED")));
        Accounts.record(account, List.of(Accounts.adminRemoved(fresh)));

        List<MimeMessage> mails = MailServer.awaitTo(ann.email(), 1, WAIT);
        Thread.sleep(1000);
        assertEquals(1, MailServer.to(ann.email()).size());
        assertTrue(Mails.of(mails.get(0)).subject().contains(fresh));
    }

    @Test
    void replayingTheWholeFeedCreatesNothingTwice() throws Exception {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Accounts.subscribe(ann, true, true, 2);
        String run = "rp" + System.nanoTime();
        Accounts.record(account, List.of(Accounts.adminRemoved(run + "-a"), Accounts.adminRemoved(run + "-b"),
                Accounts.exported(run + "-1"), Accounts.exported(run + "-2"), Accounts.exported(run + "-3")));
        assertEquals(3, MailServer.awaitTo(ann.email(), 3, WAIT).size());
        assertTrue(Eventually.holds(WAIT, () -> position() != null && !position().isEmpty()));
        String reached = position();

        // Wind the stored position back to the start: every page is read and applied again.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement rewind = connection.prepareStatement(
                        "UPDATE notify.feed_position SET position = '' WHERE feed = 'audit'")) {
            rewind.executeUpdate();
        }
        feeds.wakeAudit();
        assertTrue(Eventually.holds(Duration.ofSeconds(60), () -> notBefore(position(), reached)),
                "the replay reaches the old position");
        Thread.sleep(1500);
        assertEquals(3, MailServer.to(ann.email()).size(), "a replay sends nothing again");
        given().auth().oauth2(ann.token()).get("/api/v1/notifications").then().body("items", hasSize(3))
                .body("nextCursor", nullValue());
    }

    /** Whether feed position {@code now} is at or after {@code reached} (transaction id, then sequence). */
    private static boolean notBefore(String now, String reached) {
        if (now == null || now.isEmpty()) {
            return false;
        }
        FeedPosition a = FeedPosition.decode(now).orElseThrow();
        FeedPosition b = FeedPosition.decode(reached).orElseThrow();
        int byTx = Long.compare(Long.parseLong(a.txId()), Long.parseLong(b.txId()));
        return byTx > 0 || byTx == 0 && a.seq() >= b.seq();
    }

    private String position() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT position FROM notify.feed_position WHERE feed = 'audit'");
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
