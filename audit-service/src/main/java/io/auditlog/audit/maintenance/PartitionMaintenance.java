package io.auditlog.audit.maintenance;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.auditlog.audit.config.AuditConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the monthly partitions of the event table: those needed for the retention period and the months ahead
 * exist, expired ones are dropped whole. Runs at start (before traffic, so the first insert finds its
 * partition) and on a timer; replicas take turns through an advisory lock.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);
    /** Advisory lock key: "audit partitions". */
    private static final long LOCK = 0x6175646974706172L;
    private static final String MAINTAIN = """
            SELECT audit.ensure_event_partitions($1::date, $2::date) AS created,
                   audit.drop_event_partitions_before($3) AS dropped""";

    private final Pool pool;
    private final AuditConfig config;

    PartitionMaintenance(Pool pool, AuditConfig config) {
        this.pool = pool;
        this.config = config;
    }

    void atStart(@Observes StartupEvent event) {
        maintain().await().atMost(Duration.ofMinutes(2));
    }

    @Scheduled(every = "${audit.partitions.check-every}", delayed = "${audit.partitions.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return maintain();
    }

    public Uni<Void> maintain() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime cutoff = now.minusDays(config.retention().days());
        LocalDate first = cutoff.toLocalDate();
        LocalDate last = now.toLocalDate().plusMonths(config.partitions().monthsAhead());
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                .execute(Tuple.of(LOCK))
                .chain(() -> connection.preparedQuery(MAINTAIN).execute(Tuple.of(first, last, cutoff)))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    int created = row.getInteger("created");
                    int dropped = row.getInteger("dropped");
                    if (created > 0 || dropped > 0) {
                        LOG.infof("Event partitions: %d created (through %s), %d dropped (retention %d days, cutoff %s)",
                                created, last, dropped, config.retention().days(), cutoff);
                    }
                }))
                .replaceWithVoid();
    }
}
