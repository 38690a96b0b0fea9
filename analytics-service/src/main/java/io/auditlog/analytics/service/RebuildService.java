package io.auditlog.analytics.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.analytics.feed.ConsumerLock;
import io.auditlog.analytics.feed.FeedConsumer;
import io.auditlog.analytics.repository.PositionRepository;
import io.auditlog.analytics.rest.api.ConsumerStatus;
import io.auditlog.analytics.rest.api.RebuildResult;
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
    private static final String[] TABLES = { "summary_hour", "breakdown_hour", "activity_hour", "activity_quarter",
            "actor_quarter", "object_quarter" };

    private final Pool pool;
    private final ConsumerLock lock;
    private final PositionRepository positions;
    private final FeedConsumer consumer;
    private final DatabaseCalls calls;

    RebuildService(Pool pool, ConsumerLock lock, PositionRepository positions, FeedConsumer consumer,
            DatabaseCalls calls) {
        this.pool = pool;
        this.calls = calls;
        this.lock = lock;
        this.positions = positions;
        this.consumer = consumer;
    }

    public Uni<RebuildResult> rebuild() {
        StringBuilder tables = new StringBuilder();
        StringBuilder count = new StringBuilder("SELECT ");
        for (String table : TABLES) {
            if (!tables.isEmpty()) {
                tables.append(", ");
                count.append(" + ");
            }
            tables.append("analytics.").append(table);
            count.append("(SELECT count(*) FROM analytics.").append(table).append(')');
        }
        return calls.bounded(pool.withTransaction(tx -> lock.lock(tx)
                .chain(() -> positions.current(tx))
                .chain(position -> tx.query(count + " AS cleared").execute()
                        .map(rows -> new RebuildResult(rows.iterator().next().getLong("cleared"),
                                position.eventsApplied())))
                .call(() -> tx.query("TRUNCATE " + tables).execute())
                .call(() -> positions.reset(tx))))
                .invoke(result -> {
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
