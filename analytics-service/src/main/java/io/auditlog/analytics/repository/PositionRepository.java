package io.auditlog.analytics.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.feed.FeedPositions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The consumer's stored place in the audit feed ('' is the start): the one row of {@code analytics.feed_position},
 * kept by the platform's feed engine ({@link FeedPositions}) under the consumer's advisory lock.
 */
@ApplicationScoped
public class PositionRepository {

    /** The stored position and how many events have been applied since the last rebuild. */
    public record Position(String position, long eventsApplied, Instant updatedAt) {
    }

    /** The consumer's advisory lock (any fixed number, the same in every replica): "analytic". */
    public static final long LOCK_KEY = 0x616e616c79746963L;

    private final FeedPositions row = FeedPositions.of("analytics.feed_position", "id", (short) 1, "events_applied",
            LOCK_KEY);

    /** The row, for the feed engine. */
    public FeedPositions row() {
        return row;
    }

    public Uni<Position> current(SqlClient client) {
        return row.read(client).map(stored -> new Position(stored.position(), stored.records(), stored.updatedAt()));
    }

    /** Back to the start of the feed; only under the consumer lock, with the rollups cleared in the same transaction. */
    public Uni<Void> reset(SqlClient client) {
        return row.rewind(client);
    }
}
