package io.auditlog.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.auditlog.notify.feed.FeedWorkers;
import io.auditlog.notify.support.Accounts;
import io.auditlog.notify.support.Accounts.Admin;
import io.auditlog.notify.support.Eventually;
import io.auditlog.notify.support.MailServer;
import io.auditlog.notify.support.Mails;
import io.auditlog.notify.support.Progress;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A mention in a comment, made through the real audit-service's comments API, reaches the mentioned super admin
 * through its mentions feed: one in-app notification and one mail at the SMTP server, and no second of either when
 * the feed's pages are read and applied again.
 */
@QuarkusTest
class MentionFeedConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;
    @Inject
    FeedWorkers feeds;

    @Test
    void aMentionBecomesOneNoticeAndOneMailEvenWhenItsPageIsReadTwice() throws Exception {
        String account = Accounts.newAccount();
        Admin dan = Accounts.admin(account, "dan");
        Admin eve = Accounts.admin(account, "eve");
        String event = "login-" + System.nanoTime();
        Accounts.record(account, List.of(Accounts.event(event, Instant.now(), "LOGIN", "LOGIN")));
        // Eve has used the log as a super admin, so she may be mentioned.
        given().auth().oauth2(eve.token()).get(Accounts.auditUrl() + "/api/v1/people").then().statusCode(200);

        String comment = given().auth().oauth2(dan.token()).contentType(ContentType.JSON)
                .body(Map.of("text", "@eve is this login yours?", "mentions", List.of(eve.userId())))
                .post(Accounts.auditUrl() + "/api/v1/events/" + event + "/comments").then().statusCode(201)
                .extract().path("id");
        // An edit that keeps the mention mentions no one new.
        given().auth().oauth2(dan.token()).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "text", "@eve is this login yours? (edited)", "mentions", List.of(eve.userId())))
                .patch(Accounts.auditUrl() + "/api/v1/events/" + event + "/comments/" + comment).then().statusCode(200);

        List<MimeMessage> mails = MailServer.awaitTo(eve.email(), 1, WAIT);
        Mails mail = Mails.of(mails.get(0));
        // A token without a name claim: the author is named by their address.
        assertEquals("[Audit log] " + dan.email() + " mentioned you", mail.subject());
        assertTrue(mail.text().contains("@eve is this login yours?"), mail.text());
        assertTrue(mail.text().contains("http://localhost:8080/log/" + event + "?comment=" + comment), mail.text());
        given().auth().oauth2(eve.token()).get("/api/v1/notifications").then().body("items", hasSize(1))
                .body("items[0].kind", equalTo("mention")).body("items[0].eventId", equalTo(event))
                .body("items[0].link", equalTo("http://localhost:8080/log/" + event + "?comment=" + comment));
        Progress.awaitOutboxSettled(List.of(eve.email()));

        // Read the whole mentions feed again from its start: the page applies, and makes nothing new.
        String reached = position();
        setPosition("");
        feeds.wakeAll();
        assertTrue(Eventually.holds(WAIT, () -> reached.equals(position())), "the feed was read again");
        Progress.awaitOutboxSettled(List.of(eve.email()));
        assertEquals(1, MailServer.to(eve.email()).size(), "one mail");
        assertEquals(1, Progress.outbox(eve.email(), "sent"));
        given().auth().oauth2(eve.token()).get("/api/v1/notifications").then().body("items", hasSize(1));
        assertEquals(List.of(), MailServer.to(dan.email()), "the author is not told of their own comment");
    }

    private String position() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT position FROM notify.feed_position WHERE feed = 'mentions'");
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void setPosition(String position) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE notify.feed_position SET position = ? WHERE feed = 'mentions'")) {
            update.setString(1, position);
            update.executeUpdate();
        }
    }
}
