package io.auditlog.notify.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.auditlog.common.work.WakeupLoop;
import io.auditlog.notify.config.NotifyConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends the outbox's mails over SMTP, one at a time, in three steps: a short transaction claims a due mail with
 * FOR UPDATE SKIP LOCKED and leases it (its next attempt moves past the longest a send may take, so no other replica
 * takes it meanwhile); the mail goes to the SMTP server outside any transaction; a second short transaction records
 * the outcome. No transaction stays open during the SMTP conversation: a slow or hanging mail server would
 * otherwise hold back the change feeds of every service on the database, which wait for the oldest writing
 * transaction. A refused or failed send is retried with a doubling wait. If the process dies after the server took
 * a mail but before the outcome is recorded, the lease runs out and the mail is sent again: SMTP cannot tell us
 * whether a lost session delivered, so the choice is at-least-once, with the notification's id as Message-ID for
 * the receiving side to recognise it (docs/decisions.md, "Mail delivery").
 */
@ApplicationScoped
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);
    private static final String CLAIM = """
            UPDATE notify.outbox o
               SET attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => ?)
              FROM (SELECT notification_id FROM notify.outbox
                     WHERE status = 'pending' AND next_attempt_at <= now()
                     ORDER BY next_attempt_at, created_at
                     LIMIT 1
                       FOR UPDATE SKIP LOCKED) due
             WHERE o.notification_id = due.notification_id
            RETURNING o.notification_id, o.recipient, o.subject, o.text_body, o.html_body, o.attempts, o.created_at""";
    private static final String RECORD = """
            UPDATE notify.outbox
               SET status = ?, last_error = ?, next_attempt_at = now() + make_interval(secs => ?),
                   sent_at = CASE WHEN ? = 'sent' THEN now() END
             WHERE notification_id = ? AND status = 'pending'""";

    /** A claimed mail, and what its attempt needs to know. */
    private record Claimed(UUID id, int attempt, Instant createdAt, Mail mail) {
    }

    private final DataSource dataSource;
    private final ReactiveMailer mailer;
    private final NotifyConfig config;
    private final Backoff backoff;
    private final Duration lease;
    private final WakeupLoop loop;

    OutboxSender(DataSource dataSource, ReactiveMailer mailer, NotifyConfig config) {
        this.dataSource = dataSource;
        this.mailer = mailer;
        this.config = config;
        this.backoff = new Backoff(config.mail().retryInitial(), config.mail().retryMax());
        // Twice the send timeout: a send still running when its lease ends could be taken by another replica.
        this.lease = config.mail().sendTimeout().multipliedBy(2);
        this.loop = new WakeupLoop("notify-mail", this::sendOne,
                e -> LOG.warnf("Sending mail failed, will retry: %s", e.getMessage()));
    }

    /** Makes the sender look at the outbox now; returns at once. */
    public void wake() {
        loop.wake();
    }

    void start(@Observes StartupEvent event) {
        loop.wake();
    }

    @Scheduled(every = "${notify.mail.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        loop.wake();
    }

    /** Sends the next due mail, if any; answers whether there was one. */
    boolean sendOne() throws SQLException {
        Claimed claimed = claim();
        if (claimed == null) {
            return false;
        }
        try {
            mailer.send(claimed.mail()).await().atMost(config.mail().sendTimeout());
            record(claimed.id(), "sent", Duration.ZERO, null);
            LOG.debugf("Mail %s sent (attempt %d)", claimed.id(), claimed.attempt());
        } catch (RuntimeException e) {
            boolean giveUp = claimed.createdAt().plus(config.mail().giveUpAfter()).isBefore(Instant.now());
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            record(claimed.id(), giveUp ? "failed" : "pending", backoff.after(claimed.attempt()), reason);
            LOG.warnf("Mail %s attempt %d failed%s: %s", claimed.id(), claimed.attempt(),
                    giveUp ? ", giving up" : ", will retry", reason);
        }
        return true;
    }

    /** Leases the next due mail in a transaction of its own; null when none is due. */
    private Claimed claim() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            connection.setAutoCommit(true);
            claim.setDouble(1, lease.toMillis() / 1000.0);
            try (ResultSet due = claim.executeQuery()) {
                if (!due.next()) {
                    return null;
                }
                UUID id = due.getObject("notification_id", UUID.class);
                Mail mail = Mail.withHtml(due.getString("recipient"), due.getString("subject"),
                        due.getString("html_body"))
                        .setText(due.getString("text_body"))
                        .addHeader("Message-ID", "<" + id + "@" + config.mail().messageIdDomain() + ">")
                        .addHeader("List-Unsubscribe", "<" + config.links().settingsUrl() + ">")
                        .addHeader("Auto-Submitted", "auto-generated");
                return new Claimed(id, due.getInt("attempts"), due.getTimestamp("created_at").toInstant(), mail);
            }
        }
    }

    /**
     * Records an attempt's outcome; the next attempt (if any) is due {@code retryIn} from now, by the database's
     * clock. A mail already recorded as sent (by a replica that took it after this one's lease ran out) stays so.
     */
    private void record(UUID id, String status, Duration retryIn, String error) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(RECORD)) {
            connection.setAutoCommit(true);
            update.setString(1, status);
            update.setString(2, error);
            update.setDouble(3, retryIn.toMillis() / 1000.0);
            update.setString(4, status);
            update.setObject(5, id);
            update.executeUpdate();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loop.close();
    }
}
