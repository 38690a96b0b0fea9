package io.auditlog.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.auditlog.notify.feed.FeedWorkers;
import io.auditlog.notify.support.Accounts;
import io.auditlog.notify.support.Accounts.Admin;
import io.auditlog.notify.support.MailServer;
import io.auditlog.notify.support.Mails;
import io.auditlog.notify.support.Progress;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The two alerts of the product pages, from events sent to the real audit-service to mails at a real SMTP server.
 * "Nothing more arrives" is decided by the counts the service keeps: its audit feed position past the test's events
 * and nothing pending in its outbox for the test's recipients.
 */
@QuarkusTest
class AuditAlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

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
            assertTrue(mail.text().contains("http://localhost:8080/log/" + eventId), mail.text());
            assertTrue(mail.text().contains("To unsubscribe"), mail.text());
            // The unsubscribe link and List-Unsubscribe open the console's settings page, which a browser can show.
            assertTrue(mail.text().contains("http://localhost:8080/settings"), mail.text());
            assertEquals("<http://localhost:8080/settings>", mails.get(0).getHeader("List-Unsubscribe", null));
            assertTrue(mail.html().contains("href=\"http://localhost:8080/log/" + eventId + "\""), mail.html());
            assertTrue(mail.html().contains("Bo Boss &lt;boss@example.com&gt;"), "HTML is escaped: " + mail.html());
        }
        given().auth().oauth2(ann.token()).get("/api/v1/notifications").then().statusCode(200)
                .body("items", hasSize(1)).body("unreadCount", equalTo(1))
                .body("items[0].kind", equalTo("admin-permission-removed"))
                .body("items[0].eventId", equalTo(eventId)).body("items[0].read", equalTo(false));
        Progress.awaitSettled(List.of(eventId), List.of(ann.email(), bob.email(), quiet.email(), elsewhere.email()));
        assertEquals(List.of(), MailServer.to(quiet.email()));
        assertEquals(List.of(), MailServer.to(elsewhere.email()));
        assertEquals(1, MailServer.to(ann.email()).size());
        given().auth().oauth2(quiet.token()).get("/api/v1/notifications").then().body("items", hasSize(0));
    }

    /** The threshold exactly: as many exports as it allows fire nothing, one more fires once, more fire nothing. */
    @Test
    void multipleExportsFiresOncePerAccountAndDayJustAboveTheThreshold() throws Exception {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Accounts.subscribe(ann, true, false, 3);
        String run = "x" + System.nanoTime();
        // Every export of this test occurred at this instant, so "the day" is known before anything is sent.
        Instant at = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();

        List<String> atThreshold = record(account, run, 1, 3, at);
        Progress.awaitSettled(atThreshold, List.of(ann.email()));
        assertEquals(List.of(), MailServer.to(ann.email()), "three exports do not pass a threshold of three");
        given().auth().oauth2(ann.token()).get("/api/v1/notifications").then().body("items", hasSize(0));

        List<String> fourth = record(account, run, 4, 4, at);
        List<MimeMessage> mails = MailServer.awaitTo(ann.email(), 1, WAIT);
        Progress.awaitSettled(fourth, List.of(ann.email()));
        assertEquals(1, MailServer.to(ann.email()).size(), "the fourth passes it, once");
        Mails mail = Mails.of(mails.get(0));
        assertEquals("[Audit log] Multiple exports: 4 exports on " + day, mail.subject());
        assertTrue(mail.text().contains("action=EXPORT&from=" + day + "T00%3A00%3A00Z"), mail.text());

        List<String> more = record(account, run, 5, 12, at);
        Progress.awaitSettled(more, List.of(ann.email()));
        assertEquals(1, MailServer.to(ann.email()).size(), "once a day, however many exports follow");
        given().auth().oauth2(ann.token()).get("/api/v1/notifications").then().body("items", hasSize(1))
                .body("items[0].kind", equalTo("multiple-exports"));
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
        Progress.awaitSettled(List.of(old, fresh), List.of(ann.email()));
        assertEquals(1, MailServer.to(ann.email()).size());
        assertTrue(Mails.of(mails.get(0)).subject().contains(fresh));
    }

    @Test
    void replayingTheFeedCreatesNothingTwice() throws Exception {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Accounts.subscribe(ann, true, true, 2);
        String run = "rp" + System.nanoTime();
        // Events committed from now on come after this position in the feed (it orders by writing transaction).
        String before = Progress.auditPosition();
        List<String> ids = List.of(run + "-a", run + "-b", run + "-1", run + "-2", run + "-3");
        Accounts.record(account, List.of(Accounts.adminRemoved(ids.get(0)), Accounts.adminRemoved(ids.get(1)),
                Accounts.exported(ids.get(2)), Accounts.exported(ids.get(3)), Accounts.exported(ids.get(4))));
        assertEquals(3, MailServer.awaitTo(ann.email(), 3, WAIT).size());
        Progress.awaitSettled(ids, List.of(ann.email()));

        // Wind the stored position back to before these events: their pages are read and applied again.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement rewind = connection.prepareStatement(
                        "UPDATE notify.feed_position SET position = ? WHERE feed = 'audit'")) {
            rewind.setString(1, before);
            rewind.executeUpdate();
        }
        feeds.wakeAudit();
        Progress.awaitSettled(ids, List.of(ann.email()));
        assertEquals(3, MailServer.to(ann.email()).size(), "a replay sends nothing again");
        given().auth().oauth2(ann.token()).get("/api/v1/notifications").then().body("items", hasSize(3))
                .body("nextCursor", nullValue());
    }

    /** Export events {@code run-from} to {@code run-to}, all at {@code at}; answers their ids. */
    private static List<String> record(String account, String run, int from, int to, Instant at) throws Exception {
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add(run + "-" + i);
            events.add(Accounts.event(run + "-" + i, at, "EXPORT", "EXPORT"));
        }
        Accounts.record(account, events);
        return ids;
    }
}
