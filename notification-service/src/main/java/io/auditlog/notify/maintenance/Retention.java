package io.auditlog.notify.maintenance;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.notify.config.NotifyConfig;
import io.auditlog.notify.repository.RetentionRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Deletes notifications past the retention period ({@code notify.retention}, 180 days; their outbox rows go with
 * them), and export-day counters of days that can no longer alert. Replicas may run it at once: deleting the same
 * rows twice is harmless.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    /** What one purge deleted. */
    public record Purged(int notifications, int exportDays) {
    }

    private final Pool pool;
    private final RetentionRepository retention;
    private final NotifyConfig config;

    Retention(Pool pool, RetentionRepository retention, NotifyConfig config) {
        this.pool = pool;
        this.retention = retention;
        this.config = config;
    }

    @Scheduled(every = "${notify.retention-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().onFailure().invoke(e -> LOG.warnf("Retention purge failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One purge, in one transaction. */
    public Uni<Purged> purge() {
        // An export day may still alert while its events are younger than the longest age an alert accepts.
        var exportDayAge = config.alerts().maxEventAge().plusDays(2);
        return pool.withTransaction(tx -> retention.deleteNotificationsOlderThan(tx, config.retention())
                .chain(notifications -> retention.deleteExportDaysOlderThan(tx, exportDayAge)
                        .map(days -> new Purged(notifications, days))))
                .invoke(purged -> {
                    if (purged.notifications() > 0 || purged.exportDays() > 0) {
                        LOG.infof("Retention: deleted %d notifications and %d export-day counters",
                                purged.notifications(), purged.exportDays());
                    }
                });
    }
}
