package io.auditlog.notify.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.auditlog.common.work.WakeupLoop;
import io.auditlog.notify.config.NotifyConfig;
import io.auditlog.notify.domain.Backoff;
import io.auditlog.notify.domain.ClaimedMail;
import io.auditlog.notify.domain.MailState;
import io.auditlog.notify.repository.OutboxRepository;
import io.auditlog.notify.service.NotifyMetrics;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Sends the outbox's mails over SMTP, one at a time on a thread of its own, in three steps: a short transaction
 * claims a due mail with FOR UPDATE SKIP LOCKED and leases it (its next attempt moves past the longest a send may
 * take, so no other replica takes it meanwhile); the mail goes to the SMTP server outside any transaction; a second
 * short transaction records the outcome. No transaction stays open during the SMTP conversation: a slow or hanging
 * mail server would otherwise hold back the change feeds of every service on the database, which wait for the oldest
 * writing transaction. A refused or failed send is retried with a doubling wait. If the process dies after the
 * server took a mail but before the outcome is recorded, the lease runs out and the mail is sent again: SMTP cannot
 * tell us whether a lost session delivered, so the choice is at-least-once, with the notification's id as Message-ID
 * for the receiving side to recognise it (docs/decisions.md, "Mail delivery").
 */
@ApplicationScoped
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);
    /** The longest wait for the database in one step (the claim, the record). */
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final OutboxRepository outbox;
    private final ReactiveMailer mailer;
    private final NotifyConfig config;
    private final NotifyMetrics metrics;
    private final Backoff backoff;
    private final Duration lease;
    private final WakeupLoop loop;

    OutboxSender(Pool pool, OutboxRepository outbox, ReactiveMailer mailer, NotifyConfig config,
            NotifyMetrics metrics) {
        this.pool = pool;
        this.outbox = outbox;
        this.mailer = mailer;
        this.config = config;
        this.metrics = metrics;
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
    boolean sendOne() {
        Optional<ClaimedMail> next = pool.withTransaction(tx -> outbox.claim(tx, lease)).await()
                .atMost(DATABASE_TIMEOUT);
        if (next.isEmpty()) {
            return false;
        }
        ClaimedMail claimed = next.get();
        try {
            mailer.send(mail(claimed)).await().atMost(config.mail().sendTimeout());
            record(claimed, MailState.SENT, Duration.ZERO, null);
            metrics.mailSent();
            LOG.debugf("Mail %s sent (attempt %d)", claimed.id(), claimed.attempt());
        } catch (RuntimeException e) {
            boolean giveUp = claimed.createdAt().plus(config.mail().giveUpAfter()).isBefore(Instant.now());
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            record(claimed, giveUp ? MailState.FAILED : MailState.PENDING, backoff.after(claimed.attempt()), reason);
            metrics.mailFailed();
            LOG.warnf("Mail %s attempt %d failed%s: %s", claimed.id(), claimed.attempt(),
                    giveUp ? ", giving up" : ", will retry", reason);
        }
        return true;
    }

    private void record(ClaimedMail claimed, MailState state, Duration retryIn, String error) {
        pool.withTransaction(tx -> outbox.record(tx, claimed.id(), state, retryIn, error)).await()
                .atMost(DATABASE_TIMEOUT);
    }

    private Mail mail(ClaimedMail claimed) {
        return Mail.withHtml(claimed.recipient(), claimed.subject(), claimed.htmlBody())
                .setText(claimed.textBody())
                .addHeader("Message-ID", "<" + claimed.id() + "@" + config.mail().messageIdDomain() + ">")
                .addHeader("List-Unsubscribe", "<" + config.links().settingsUrl() + ">")
                .addHeader("Auto-Submitted", "auto-generated");
    }

    void stop(@Observes ShutdownEvent event) {
        loop.close();
    }
}
