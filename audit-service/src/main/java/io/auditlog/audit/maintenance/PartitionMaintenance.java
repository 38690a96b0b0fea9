package io.auditlog.audit.maintenance;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.repository.PartitionRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Keeps the monthly partitions of the event table: those needed for the retention period and the months ahead
 * exist, expired ones are dropped whole. Runs at start (before traffic, so the first insert finds its
 * partition) and on a timer; replicas take turns through an advisory lock held by the run's transaction.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);

    private final Pool pool;
    private final PartitionRepository partitions;
    private final AuditConfig config;
    /** The partitions the last run left; an operator sees retention and the months ahead at work. */
    private final AtomicInteger partitionCount = new AtomicInteger();

    PartitionMaintenance(Pool pool, PartitionRepository partitions, AuditConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.partitions = partitions;
        this.config = config;
        Gauge.builder("audit.event.partitions", partitionCount, AtomicInteger::get)
                .description("Monthly partitions of the event table after the last maintenance run")
                .register(metrics);
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
        return pool.withTransaction(connection -> partitions.lock(connection)
                .chain(() -> partitions.maintain(connection, first, last, cutoff)))
                .invoke(run -> {
                    partitionCount.set(run.partitions());
                    if (run.created() > 0 || run.dropped() > 0) {
                        LOG.infof("Event partitions: %d created (through %s), %d dropped (retention %d days, cutoff %s)",
                                run.created(), last, run.dropped(), config.retention().days(), cutoff);
                    }
                })
                .replaceWithVoid();
    }
}
