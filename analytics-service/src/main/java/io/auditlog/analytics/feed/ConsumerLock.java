package io.auditlog.analytics.feed;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.analytics.repository.PositionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The one lock that lets a single replica at a time apply feed pages or rebuild: the feed engine's lock, a
 * transaction-scoped PostgreSQL advisory lock released by the commit or rollback (or by the connection dying with a
 * crashed replica). See docs/decisions.md, "Feed contract and the one feed-consumer engine".
 */
@ApplicationScoped
public class ConsumerLock {

    /** The advisory lock's key. */
    static final long KEY = PositionRepository.LOCK_KEY;

    private final PositionRepository positions;

    ConsumerLock(PositionRepository positions) {
        this.positions = positions;
    }

    /** Takes the lock if free; a replica that does not get it leaves the work to the one that has it. */
    public Uni<Boolean> tryLock(SqlConnection transaction) {
        return positions.row().tryLock(transaction).map(locked -> locked.isPresent());
    }

    /** Waits for the lock (the rebuild waits for the page being applied). */
    public Uni<Void> lock(SqlConnection transaction) {
        return positions.row().lock(transaction).replaceWithVoid();
    }
}
