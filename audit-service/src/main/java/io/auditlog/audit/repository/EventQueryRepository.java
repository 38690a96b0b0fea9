package io.auditlog.audit.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.EventCursor;
import io.auditlog.audit.domain.EventFilter;
import io.auditlog.audit.domain.StoredEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * Reads one account's events, newest first, by keyset: every query is bounded by account, walks an index in
 * (occurred_at, seq) order backwards and stops after one page.
 */
@ApplicationScoped
public class EventQueryRepository {

    private static final String FIND_BY_ID = "SELECT " + EventRows.COLUMNS + " FROM audit.event"
            + " WHERE account_id = $1 AND event_id = $2 AND occurred_at ="
            + " (SELECT occurred_at FROM audit.event_key WHERE account_id = $1 AND event_id = $2)";

    private final Pool pool;
    private final EventRows rows;

    EventQueryRepository(Pool pool, EventRows rows) {
        this.pool = pool;
        this.rows = rows;
    }

    public Uni<StoredEvent> findById(String accountId, String eventId) {
        return pool.preparedQuery(FIND_BY_ID).execute(io.vertx.mutiny.sqlclient.Tuple.of(accountId, eventId))
                .map(result -> result.iterator().hasNext() ? rows.toEvent(result.iterator().next()) : null);
    }

    /** Up to {@code limit} events of the account matching {@code filter}, after {@code cursor} when given. */
    public Uni<List<StoredEvent>> search(String accountId, EventFilter filter, EventCursor cursor, int limit) {
        SqlConditions where = conditions(accountId, filter);
        if (cursor != null) {
            where.add("(occurred_at, seq) < (" + where.param(utc(cursor.occurredAt())) + ", "
                    + where.param(cursor.seq()) + ")");
        }
        String sql = "SELECT " + EventRows.COLUMNS + " FROM audit.event" + where.where()
                + " ORDER BY occurred_at DESC, seq DESC LIMIT " + where.param(limit);
        return pool.preparedQuery(sql).execute(where.params()).map(this::toEvents);
    }

    /**
     * Every matching event, oldest first, read through a server-side cursor {@code fetch} rows at a time, so that
     * an export of millions of events never sits in memory. The cursor lives in a read-only transaction that
     * ends with the stream (completed, failed or cancelled by the client going away).
     */
    public Multi<StoredEvent> stream(String accountId, EventFilter filter, int fetch) {
        SqlConditions where = conditions(accountId, filter);
        String sql = "SELECT " + EventRows.COLUMNS + " FROM audit.event" + where.where() + " ORDER BY occurred_at, seq";
        return pool.getConnection().toMulti().onItem().transformToMultiAndConcatenate(connection -> connection
                .begin().toMulti().onItem().transformToMultiAndConcatenate(tx -> connection.prepare(sql).toMulti()
                        .onItem().transformToMultiAndConcatenate(statement -> statement
                                .createStream(fetch, where.params()).toMulti())
                        .onItem().transform(rows::toEvent)
                        .onTermination().call(() -> tx.rollback().onFailure().recoverWithNull()))
                .onTermination().call(connection::close));
    }

    static SqlConditions conditions(String accountId, EventFilter filter) {
        SqlConditions where = new SqlConditions();
        where.add("account_id = " + where.param(accountId));
        if (filter.from() != null) {
            where.add("occurred_at >= " + where.param(utc(filter.from())));
        }
        if (filter.to() != null) {
            where.add("occurred_at < " + where.param(utc(filter.to())));
        }
        where.anyOf("category", filter.categories());
        where.anyOf("subcategory", filter.subcategories());
        where.anyOf("action", filter.actions());
        if (!filter.actors().isEmpty()) {
            String actors = where.param(filter.actors().toArray(String[]::new));
            where.add("(actor_id = ANY(" + actors + "::text[]) OR actor_email = ANY(" + actors + "::text[]))");
        }
        where.anyOf("actor_type", filter.actorTypes());
        if (!filter.teams().isEmpty()) {
            where.add("actor_teams && " + where.param(filter.teams().toArray(String[]::new)) + "::text[]");
        }
        where.anyOf("object_type", filter.objectTypes());
        where.anyOf("object_id", filter.objectIds());
        if (!filter.ips().isEmpty()) {
            where.add("ip <<= ANY((" + where.param(filter.ips().toArray(String[]::new)) + "::text[])::inet[])");
        }
        if (filter.text() != null) {
            String pattern = where.param("%" + escapeLike(filter.text()) + "%");
            String exact = where.param(filter.text());
            where.add("(event_id = " + exact + " OR actor_email ILIKE " + pattern + " OR actor_name ILIKE " + pattern
                    + " OR object_name ILIKE " + pattern + " OR object_id ILIKE " + pattern
                    + " OR object_path ILIKE " + pattern + ")");
        }
        return where;
    }

    private List<StoredEvent> toEvents(RowSet<Row> result) {
        List<StoredEvent> events = new ArrayList<>(result.size());
        for (Row row : result) {
            events.add(rows.toEvent(row));
        }
        return events;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
