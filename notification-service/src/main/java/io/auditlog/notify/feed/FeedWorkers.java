package io.auditlog.notify.feed;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.auditlog.common.work.Doorbells;
import io.auditlog.common.work.WakeupLoop;
import io.auditlog.notify.alert.AuditAlerts;
import io.auditlog.notify.alert.ExportReadyNotices;
import io.auditlog.notify.config.NotifyConfig;
import io.auditlog.notify.mail.OutboxSender;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs the two feed consumers, each on a thread of its own: the audit feed (alerts) and the export-ready feed.
 * They are woken by NOTIFY audit_feed and export_ready (on a LISTEN connection named {@value #LISTENER}, so
 * operators and the fault tests can find it), by a timer, and at start, when they catch up on whatever arrived
 * while the service was down. New mails wake the sender at once.
 */
@ApplicationScoped
public class FeedWorkers {

    static final String AUDIT_FEED = "audit";
    static final String EXPORT_READY_FEED = "export-ready";
    static final String LISTENER = "notification-service-listener";
    private static final Logger LOG = Logger.getLogger(FeedWorkers.class);

    private final WakeupLoop audit;
    private final WakeupLoop exportReady;
    private final Doorbells doorbells;

    FeedWorkers(NotifyConfig config, FeedClient client, DataSource dataSource, AuditAlerts alerts,
            ExportReadyNotices readyNotices, OutboxSender sender, Doorbells doorbells) {
        this.doorbells = doorbells;
        int pageSize = config.feed().pageSize();
        FeedConsumer auditFeed = new FeedConsumer(AUDIT_FEED, client::readAudit, pageSize, dataSource, alerts);
        FeedConsumer readyFeed = new FeedConsumer(EXPORT_READY_FEED, client::readExportReady, pageSize,
                dataSource, readyNotices);
        this.audit = new WakeupLoop("notify-audit-feed", () -> consume(auditFeed, sender),
                e -> LOG.warnf("Reading the audit feed failed, will retry: %s", e.getMessage()));
        this.exportReady = new WakeupLoop("notify-export-ready-feed", () -> consume(readyFeed, sender),
                e -> LOG.warnf("Reading the export-ready feed failed, will retry: %s", e.getMessage()));
    }

    private static boolean consume(FeedConsumer consumer, OutboxSender sender) throws Exception {
        boolean more = consumer.consumeOnePage();
        sender.wake();
        return more;
    }

    void start(@Observes StartupEvent event) {
        doorbells.listen(LISTENER, Map.of("audit_feed", audit::wake, "export_ready", exportReady::wake));
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
    }

    void stop(@Observes ShutdownEvent event) {
        audit.close();
        exportReady.close();
    }
}
