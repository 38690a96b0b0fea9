package io.auditlog.analytics.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/** The consumer's stored place in the audit feed ('' is the start). */
@ApplicationScoped
public class PositionRepository {

    /** The stored position and how many events have been applied since the last rebuild. */
    public record Position(String position, long eventsApplied, Instant updatedAt) {
    }

    public Uni<Position> current(SqlClient client) {
        return client.query("SELECT position, events_applied, updated_at FROM analytics.feed_position WHERE id = 1")
                .execute().map(rows -> {
                    Row row = rows.iterator().next();
                    return new Position(row.getString("position"), row.getLong("events_applied"),
                            row.getOffsetDateTime("updated_at").toInstant());
                });
    }

    /** Back to the start of the feed; only under the consumer lock, with the rollups cleared in the same transaction. */
    public Uni<Void> reset(SqlClient client) {
        return client.query("UPDATE analytics.feed_position SET position = '', events_applied = 0, updated_at = now()"
                + " WHERE id = 1").execute().replaceWithVoid();
    }
}
