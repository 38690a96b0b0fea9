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
 * Sends the outbox's mails over SMTP, one per transaction: it claims a due mail with FOR UPDATE SKIP LOCKED (so
 * replicas never send the same one), hands it to the SMTP server and records the outcome before the row lock is
 * released. A refused or failed send is retried with a doubling wait. If the process dies after the server took a
 * mail but before the commit, the mail is sent again: SMTP cannot tell us whether a lost session delivered, so the
 * choice is at-least-once, with the notification's id as Message-ID for the receiving side to recognise it
 * (docs/decisions.md, "Mail delivery").
 */
@ApplicationScoped
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);
    private static final String CLAIM = """
            SELECT notification_id, recipient, subject, text_body, html_body, attempts, created_at
              FROM notify.outbox
             WHERE status = 'pending' AND next_attempt_at <= now()
             ORDER BY next_attempt_at, created_at
             LIMIT 1
               FOR UPDATE SKIP LOCKED""";

    private final DataSource dataSource;
    private final ReactiveMailer mailer;
    private final NotifyConfig config;
    private final Backoff backoff;
    private final WakeupLoop loop;

    OutboxSender(DataSource dataSource, ReactiveMailer mailer, NotifyConfig config) {
        this.dataSource = dataSource;
        this.mailer = mailer;
        this.config = config;
        this.backoff = new Backoff(config.mail().retryInitial(), config.mail().retryMax());
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
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean found = sendDue(connection);
                connection.commit();
                return found;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private boolean sendDue(Connection connection) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM); ResultSet due = claim.executeQuery()) {
            if (!due.next()) {
                return false;
            }
            UUID id = due.getObject("notification_id", UUID.class);
            int attempt = due.getInt("attempts") + 1;
            Mail mail = Mail.withHtml(due.getString("recipient"), due.getString("subject"), due.getString("html_body"))
                    .setText(due.getString("text_body"))
                    .addHeader("Message-ID", "<" + id + "@" + config.mail().messageIdDomain() + ">")
                    .addHeader("List-Unsubscribe", "<" + config.links().settingsUrl() + ">")
                    .addHeader("Auto-Submitted", "auto-generated");
            try {
                mailer.send(mail).await().atMost(config.mail().sendTimeout());
                record(connection, id, attempt, "sent", Duration.ZERO, null);
                LOG.debugf("Mail %s sent (attempt %d)", id, attempt);
            } catch (RuntimeException e) {
                Instant createdAt = due.getTimestamp("created_at").toInstant();
                boolean giveUp = createdAt.plus(config.mail().giveUpAfter()).isBefore(Instant.now());
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                record(connection, id, attempt, giveUp ? "failed" : "pending", backoff.after(attempt), reason);
                LOG.warnf("Mail %s attempt %d failed%s: %s", id, attempt, giveUp ? ", giving up" : ", will retry",
                        reason);
            }
            return true;
        }
    }

    /** Records an attempt; the next one (if any) is due {@code retryIn} from now, by the database's clock. */
    private static void record(Connection connection, UUID id, int attempts, String status, Duration retryIn,
            String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE notify.outbox
                   SET status = ?, attempts = ?, last_error = ?,
                       next_attempt_at = now() + make_interval(secs => ?),
                       sent_at = CASE WHEN ? = 'sent' THEN now() END
                 WHERE notification_id = ?""")) {
            update.setString(1, status);
            update.setInt(2, attempts);
            update.setString(3, error);
            update.setDouble(4, retryIn.toMillis() / 1000.0);
            update.setString(5, status);
            update.setObject(6, id);
            update.executeUpdate();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loop.close();
    }
}
