package io.auditlog.notify.feed;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.auditlog.common.feed.ExportReadyRecord;
import io.auditlog.common.feed.FeedEngine;
import io.auditlog.common.feed.FeedEvent;
import io.auditlog.common.work.Doorbells;
import io.auditlog.notify.client.FeedClient;
import io.auditlog.notify.config.NotifyConfig;
import io.auditlog.notify.domain.Mention;
import io.auditlog.notify.mail.OutboxSender;
import io.auditlog.notify.repository.FeedPositionRepository;
import io.auditlog.notify.service.AlertService;
import io.auditlog.notify.service.NotifyMetrics;
import io.auditlog.notify.service.PersonalNotices;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Runs the three feed consumers on the platform's feed engine ({@link FeedEngine}), each on a thread of its own: the
 * audit feed (alerts, {@link AlertService}), the export-ready feed and the audit-service's mentions feed
 * ({@link PersonalNotices}). They are woken by NOTIFY audit_feed, export_ready and audit_mentions (on a LISTEN connection named {@value #LISTENER}, so operators and the fault
 * tests can find it), by a timer, and at start, when they catch up on whatever arrived while the service was down.
 * New mails wake the sender as soon as their page commits.
 */
@ApplicationScoped
public class FeedWorkers {

    static final String LISTENER = "notification-service-listener";
    private static final Logger LOG = Logger.getLogger(FeedWorkers.class);
    /** The feed clients give up within about 31 s (10 s timeout, two retries). */
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(35);
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(30);

    private final FeedEngine<FeedEvent> audit;
    private final FeedEngine<ExportReadyRecord> exportReady;
    private final FeedEngine<Mention> mentions;
    private final Doorbells doorbells;

    FeedWorkers(NotifyConfig config, Pool pool, FeedClient client, FeedPositionRepository positions,
            AlertService alerts, PersonalNotices notices, OutboxSender sender, Doorbells doorbells,
            NotifyMetrics metrics) {
        this.doorbells = doorbells;
        int pageSize = config.feed().pageSize();
        this.audit = FeedEngine.<FeedEvent> builder(FeedPositionRepository.AUDIT, pool, positions.audit())
                .source((after, limit) -> client.readAudit(after, limit, AlertService.ACTIONS))
                .handler(alerts::apply).pageSize(pageSize).pagesPerTransaction(config.feed().pagesPerTransaction())
                .timeouts(FETCH_TIMEOUT, TRANSACTION_TIMEOUT).recordedAt(FeedEvent::recordedAt)
                .afterCommit(pass -> committed(FeedPositionRepository.AUDIT, pass, sender)).build();
        this.exportReady = FeedEngine.<ExportReadyRecord> builder(FeedPositionRepository.EXPORT_READY, pool,
                positions.exportReady())
                .source(client::readExportReady).handler(notices::exportReady).pageSize(pageSize)
                .timeouts(FETCH_TIMEOUT, TRANSACTION_TIMEOUT).recordedAt(ExportReadyRecord::createdAt)
                .afterCommit(pass -> committed(FeedPositionRepository.EXPORT_READY, pass, sender)).build();
        this.mentions = FeedEngine.<Mention> builder(FeedPositionRepository.MENTIONS, pool, positions.mentions())
                .source(client::readMentions).handler(notices::mentions).pageSize(pageSize)
                .timeouts(FETCH_TIMEOUT, TRANSACTION_TIMEOUT).recordedAt(Mention::createdAt)
                .afterCommit(pass -> committed(FeedPositionRepository.MENTIONS, pass, sender)).build();
        metrics.feed(FeedPositionRepository.AUDIT, audit::status);
        metrics.feed(FeedPositionRepository.MENTIONS, mentions::status);
        metrics.feed(FeedPositionRepository.EXPORT_READY, exportReady::status);
    }

    /** Notifications made are logged as they happen; their mails are sent at once. */
    private static void committed(String feed, FeedEngine.Pass pass, OutboxSender sender) {
        if (pass.effects() > 0) {
            LOG.infof("Feed %s: %d notifications from %d records", feed, pass.effects(), pass.applied());
            sender.wake();
        }
    }

    void start(@Observes StartupEvent event) {
        doorbells.listen(LISTENER, Map.of("audit_feed", audit::wake, "export_ready", exportReady::wake,
                "audit_mentions", mentions::wake));
        wakeAll();
    }

    @Scheduled(every = "${notify.feed.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wakeAll();
    }

    public void wakeAudit() {
        audit.wake();
    }

    public void wakeAll() {
        audit.wake();
        exportReady.wake();
        mentions.wake();
    }

    void stop(@Observes ShutdownEvent event) {
        audit.close();
        exportReady.close();
        mentions.close();
    }
}
