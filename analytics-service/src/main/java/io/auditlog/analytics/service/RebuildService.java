package io.auditlog.analytics.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.analytics.api.ConsumerStatus;
import io.auditlog.analytics.api.RebuildResult;
import io.auditlog.analytics.feed.ConsumerLock;
import io.auditlog.analytics.feed.FeedConsumer;
import io.auditlog.analytics.repository.PositionRepository;
import io.auditlog.analytics.repository.RollupTables;
import io.auditlog.analytics.rollup.RollupMetrics;
import io.auditlog.common.database.DatabaseCalls;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Recovery: clears every rollup and puts the feed position back to the start in one transaction under the
 * consumer lock (so no page is half applied around it); the consumer then replays the whole feed, logging its
 * progress. Dashboards show partial counts until it has caught up. Both operations serve requests and are bounded in
 * time (503 when the database does not answer); a rebuild answered 503 may still commit, and asking again is safe:
 * it clears and replays once more.
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    private final Pool pool;
    private final ConsumerLock lock;
    private final PositionRepository positions;
    private final RollupTables rollups;
    private final FeedConsumer consumer;
    private final DatabaseCalls calls;
    private final RollupMetrics metrics;

    RebuildService(Pool pool, ConsumerLock lock, PositionRepository positions, RollupTables rollups,
            FeedConsumer consumer, DatabaseCalls calls, RollupMetrics metrics) {
        this.pool = pool;
        this.calls = calls;
        this.lock = lock;
        this.positions = positions;
        this.rollups = rollups;
        this.consumer = consumer;
        this.metrics = metrics;
    }

    public Uni<RebuildResult> rebuild() {
        return calls.bounded(pool.withTransaction(tx -> lock.lock(tx)
                .chain(() -> positions.current(tx))
                .chain(position -> rollups.rowCount(tx)
                        .map(cleared -> new RebuildResult(cleared, position.eventsApplied())))
                .call(() -> rollups.clear(tx))
                .call(() -> positions.reset(tx))))
                .invoke(result -> {
                    metrics.rebuilt();
                    LOG.infof("Rebuild: cleared %,d rollup rows (which had counted %,d events); replaying the audit "
                            + "feed from the start", result.rollupRowsCleared(), result.eventsCleared());
                    consumer.wake();
                });
    }

    public Uni<ConsumerStatus> status() {
        return calls.bounded(positions.current(pool))
                .map(p -> new ConsumerStatus(p.position(), p.eventsApplied(), p.updatedAt()));
    }
}
