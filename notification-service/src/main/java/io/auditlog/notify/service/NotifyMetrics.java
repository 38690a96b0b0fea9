package io.auditlog.notify.service;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.common.feed.FeedEngine;
import io.auditlog.notify.domain.MailState;
import io.auditlog.notify.domain.NotificationKind;
import io.auditlog.notify.repository.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * The service's own metrics (Micrometer names; Prometheus at /q/metrics): notifications created by kind, mails sent
 * and failed, the outbox's mails by state, and each feed's lag and records applied. Counts of created notifications
 * are added when their transaction commits, so a page rolled back and applied again counts once. The outbox is
 * counted by a timer ({@code notify.metrics.refresh-every}), not at each scrape: a scrape must not wait for the
 * database.
 */
@ApplicationScoped
public class NotifyMetrics {

    private static final Logger LOG = Logger.getLogger(NotifyMetrics.class);

    private final MeterRegistry registry;
    private final Pool pool;
    private final OutboxRepository outbox;
    private final Map<NotificationKind, Counter> created = new EnumMap<>(NotificationKind.class);
    private final Map<MailState, AtomicLong> depth = new EnumMap<>(MailState.class);
    private final Counter mailsSent;
    private final Counter mailsFailed;
    /** Meters hold their source weakly: the feeds' status suppliers are kept here. */
    private final List<Supplier<FeedEngine.Status>> feeds = new CopyOnWriteArrayList<>();

    NotifyMetrics(MeterRegistry registry, Pool pool, OutboxRepository outbox) {
        this.registry = registry;
        this.pool = pool;
        this.outbox = outbox;
        for (NotificationKind kind : NotificationKind.values()) {
            created.put(kind, Counter.builder("notify.notifications.created").tag("kind", kind.id())
                    .description("Notifications created (in-app, and by mail to those who take it)")
                    .register(registry));
        }
        for (MailState state : MailState.values()) {
            AtomicLong mails = new AtomicLong();
            depth.put(state, mails);
            Gauge.builder("notify.outbox.depth", mails, AtomicLong::get).tag("state", state.id())
                    .description("Mails in the outbox by state, as last counted").register(registry);
        }
        this.mailsSent = Counter.builder("notify.mails.sent").description("Mails the SMTP server accepted")
                .register(registry);
        this.mailsFailed = Counter.builder("notify.mails.failed")
                .description("Mail attempts that failed (retried, or given up after notify.mail.give-up-after)")
                .register(registry);
    }

    /** A feed's lag (seconds; NaN until known) and records applied by this replica. */
    public void feed(String feed, Supplier<FeedEngine.Status> status) {
        feeds.add(status);
        TimeGauge.builder("notify.feed.lag", status, TimeUnit.SECONDS,
                s -> s.get().lag().map(lag -> lag.toMillis() / 1000.0).orElse(Double.NaN))
                .tag("feed", feed).description("How far the feed consumer is behind its producer")
                .register(registry);
        FunctionCounter.builder("notify.feed.records.applied", status, s -> s.get().recordsApplied())
                .tag("feed", feed).description("Feed records applied by this replica").register(registry);
    }

    /** Counts the notifications made on {@code transaction} once it commits (at once outside a transaction). */
    public void createdOnCommit(SqlConnection transaction, Map<NotificationKind, Integer> made) {
        if (made.isEmpty()) {
            return;
        }
        Transaction current = transaction.transaction();
        if (current == null) {
            made.forEach((kind, n) -> created.get(kind).increment(n));
            return;
        }
        current.completion().subscribe().with(ok -> made.forEach((kind, n) -> created.get(kind).increment(n)),
                rolledBack -> {
                    // nothing was created
                });
    }

    public void mailSent() {
        mailsSent.increment();
    }

    public void mailFailed() {
        mailsFailed.increment();
    }

    @Scheduled(every = "${notify.metrics.refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> countOutbox() {
        return outbox.depth(pool).ifNoItem().after(Duration.ofSeconds(10)).fail()
                .invoke(counts -> counts.forEach((state, n) -> depth.get(state).set(n)))
                .onFailure().invoke(e -> LOG.debugf("Counting the outbox failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
