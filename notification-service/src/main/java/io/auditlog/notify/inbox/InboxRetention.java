package io.auditlog.notify.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.notify.config.NotifyConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes notifications past the retention period (with their outbox rows), and export-day counters of days that
 * can no longer alert. Replicas may run it at once: deleting the same rows twice is harmless.
 */
@ApplicationScoped
public class InboxRetention {

    private static final Logger LOG = Logger.getLogger(InboxRetention.class);

    private final Pool pool;
    private final NotifyConfig config;

    InboxRetention(Pool pool, NotifyConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        long seconds = config.retention().toSeconds();
        long dayCountSeconds = config.alerts().maxEventAge().plusDays(2).toSeconds();
        return pool.preparedQuery("DELETE FROM notify.notification WHERE created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) seconds))
                .flatMap(notifications -> pool.preparedQuery(
                        "DELETE FROM notify.export_day WHERE day < (now() - make_interval(secs => $1))::date")
                        .execute(Tuple.of((double) dayCountSeconds)).invoke(days -> {
                            if (notifications.rowCount() > 0 || days.rowCount() > 0) {
                                LOG.infof("Retention: deleted %d notifications and %d export-day counters",
                                        notifications.rowCount(), days.rowCount());
                            }
                        }))
                .onFailure().invoke(e -> LOG.warnf("Retention purge failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
