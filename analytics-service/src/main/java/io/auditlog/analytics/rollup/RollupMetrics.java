package io.auditlog.analytics.rollup;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.analytics.client.AuditClient;
import io.auditlog.analytics.repository.PositionRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The rollups' freshness as metrics, sampled from what every replica shares: the stored feed position and its count
 * of events applied, and whether the audit feed has an event after that position.
 * <ul>
 * <li>{@code analytics.rollup.lag} (seconds): time since a sample last found the stored position at the head of the
 * feed, so the dashboards are at most this far behind; between 0 and the sample period while the consumer keeps up,
 * growing while it is behind, stopped, or the database or the feed cannot be read.</li>
 * <li>{@code analytics.rollup.events.applied}: events counted into the rollups since this replica started, by any
 * replica (the stored count's growth; a rebuild's reset is counted from zero again, not as a decrease).</li>
 * <li>{@code analytics.rollup.rebuilds}: rebuilds this replica ran.</li>
 * </ul>
 * Registered at start, so every metric is in /q/metrics from the first scrape on. They are read from the stored
 * position rather than from this replica's feed engine, whose status only knows what this replica applied.
 */
@Startup
@ApplicationScoped
public class RollupMetrics {

    private static final Logger LOG = Logger.getLogger(RollupMetrics.class);
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final PositionRepository positions;
    private final AuditClient audit;
    private final AtomicLong applied = new AtomicLong();
    private final Counter rebuilds;
    private volatile long caughtUpAt = System.nanoTime();
    private volatile long storedApplied = -1;

    RollupMetrics(Pool pool, PositionRepository positions, AuditClient audit, MeterRegistry registry) {
        this.pool = pool;
        this.positions = positions;
        this.audit = audit;
        Gauge.builder("analytics.rollup.lag", this, RollupMetrics::lagSeconds).baseUnit("seconds")
                .description("Time since the rollups were last seen at the head of the audit feed")
                .register(registry);
        FunctionCounter.builder("analytics.rollup.events.applied", applied, AtomicLong::get)
                .description("Events counted into the rollups (by any replica) since this replica started")
                .register(registry);
        rebuilds = Counter.builder("analytics.rollup.rebuilds")
                .description("Rebuilds run: every rollup cleared and the feed position reset to its start")
                .register(registry);
    }

    /** A rebuild has cleared the rollups and reset the position (committed). */
    public void rebuilt() {
        rebuilds.increment();
    }

    @Scheduled(every = "{analytics.metrics.sample-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sample() {
        long started = System.nanoTime();
        return positions.current(pool)
                .invoke(position -> count(position.eventsApplied()))
                .chain(position -> audit.feedPage(position.position(), 1))
                .invoke(page -> {
                    if (page.items().isEmpty()) {
                        caughtUpAt = started;
                    }
                })
                .ifNoItem().after(SAMPLE_TIMEOUT).fail()
                .onFailure().invoke(e -> LOG.debugf("Rollup metrics not sampled (the lag grows until they are): %s", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void count(long stored) {
        long before = storedApplied;
        if (before >= 0) {
            applied.addAndGet(stored >= before ? stored - before : stored);
        }
        storedApplied = stored;
    }

    private double lagSeconds() {
        return (System.nanoTime() - caughtUpAt) / 1e9;
    }
}
