package io.auditlog.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.notify.domain.Mention;
import io.auditlog.notify.service.PersonalNotices;
import io.auditlog.notify.support.Accounts;
import io.auditlog.notify.support.Accounts.Admin;
import io.auditlog.notify.support.Eventually;
import io.auditlog.notify.support.MailServer;
import io.auditlog.notify.support.Mails;
import io.auditlog.notify.support.Progress;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** Mails about the caller's own things: a report they requested is ready; they were @mentioned. */
@QuarkusTest
class ExportReadyAndMentionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    PersonalNotices notices;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper json;

    @Test
    void theRequesterOfAReportHearsWhenItIsReady() throws Exception {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Admin bob = Accounts.admin(account, "bob");
        Accounts.subscribe(bob, false, false, 10);
        given().auth().oauth2(bob.token()).contentType(ContentType.JSON)
                .body(NotificationSettingsTest.settings(false, false, false, 10, null))
                .put("/api/v1/notification-settings").then().statusCode(200);
        Accounts.record(account, List.of(Accounts.event("login-" + System.nanoTime(), Instant.now(), "LOGIN", "LOGIN")));

        String annJob = requestExport(ann);
        String bobJob = requestExport(bob);

        List<MimeMessage> mails = MailServer.awaitTo(ann.email(), 1, WAIT);
        assertEquals(1, mails.size());
        Mails mail = Mails.of(mails.get(0));
        assertEquals("[Audit log] Your export is ready", mail.subject());
        assertTrue(mail.text().contains("http://localhost:8080/reports/" + annJob), mail.text());
        given().auth().oauth2(ann.token()).get("/api/v1/notifications").then().body("items", hasSize(1))
                .body("items[0].kind", equalTo("export-ready"))
                .body("items[0].link", equalTo("http://localhost:8080/reports/" + annJob));

        // Bob turned that mail off: his notice is in the app only.
        assertTrue(Eventually.holds(WAIT, () -> Integer.valueOf(1).equals(given().auth().oauth2(bob.token())
                .get("/api/v1/notifications").then().extract().path("unreadCount"))), "bob's notice is listed");
        given().auth().oauth2(bob.token()).get("/api/v1/notifications").then().body("items", hasSize(1))
                .body("items[0].link", equalTo("http://localhost:8080/reports/" + bobJob));
        Progress.awaitOutboxSettled(List.of(ann.email(), bob.email()));
        assertEquals(0, Progress.outbox(bob.email(), "pending") + Progress.outbox(bob.email(), "sent"),
                "no mail for bob in the outbox");
        assertEquals(List.of(), MailServer.to(bob.email()));
        assertEquals(1, MailServer.to(ann.email()).size());
    }

    @Test
    void aMentionReachesTheMentionedUserOnce() throws Exception {
        String account = Accounts.newAccount();
        Admin cat = Accounts.admin(account, "cat");
        Mention item = json.readValue(json.writeValueAsString(Map.of("commentId", "cmt-" + System.nanoTime(),
                "eventId", "evt-42", "accountId", account, "authorName", "Dan Diaz", "mentionedUserId", cat.userId(),
                "mentionedEmail", cat.email(), "excerpt", "@cat can you check this login?",
                "createdAt", Instant.now().toString())), Mention.class);
        assertEquals(1, apply(item));
        assertEquals(0, apply(item), "the same comment mentions once");

        List<MimeMessage> mails = MailServer.awaitTo(cat.email(), 1, WAIT);
        Mails mail = Mails.of(mails.get(0));
        assertEquals("[Audit log] Dan Diaz mentioned you", mail.subject());
        assertTrue(mail.text().contains("@cat can you check this login?"), mail.text());
        assertTrue(mail.text().contains("http://localhost:8080/log/evt-42"), mail.text());
        given().auth().oauth2(cat.token()).get("/api/v1/notifications").then().body("items", hasSize(1))
                .body("items[0].kind", equalTo("mention")).body("items[0].eventId", equalTo("evt-42"));
        Progress.awaitOutboxSettled(List.of(cat.email()));
        assertEquals(1, Progress.outbox(cat.email(), "sent"));
        assertEquals(1, MailServer.to(cat.email()).size());
    }

    private int apply(Mention mention) {
        return pool.withTransaction(tx -> notices.mentioned(tx, List.of(mention))).await().indefinitely();
    }

    private static String requestExport(Admin admin) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return given().auth().oauth2(admin.token()).contentType(ContentType.JSON)
                .body(Map.of("type", "audit-log", "from", today.minusDays(1).toString(),
                        "to", today.plusDays(1).toString(), "timeZone", "UTC"))
                .post(Accounts.exportsUrl() + "/api/v1/exports").then().statusCode(202).extract().path("id");
    }
}
