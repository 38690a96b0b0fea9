package io.auditlog.audit.repository;

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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

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
        return pool.preparedQuery(FIND_BY_ID).execute(Tuple.of(accountId, eventId))
                .map(result -> result.iterator().hasNext() ? rows.toEvent(result.iterator().next()) : null);
    }

    /** Up to {@code limit} events of the account matching {@code filter}, newest first, after {@code cursor}. */
    public Uni<List<StoredEvent>> search(String accountId, EventFilter filter, EventCursor cursor, int limit) {
        return search(accountId, filter, cursor, limit, false);
    }

    /**
     * Up to {@code limit} events of the account matching {@code filter} in the given order, after {@code cursor}
     * when given. Oldest first walks the same indexes forwards.
     */
    public Uni<List<StoredEvent>> search(String accountId, EventFilter filter, EventCursor cursor, int limit,
            boolean oldestFirst) {
        SqlConditions where = conditions(accountId, filter);
        if (cursor != null) {
            where.add(oldestFirst ? "(occurred_at, seq) > (" : "(occurred_at, seq) < (", where.time(cursor.occurredAt()),
                    ", ", where.number(cursor.seq()), ")");
        }
        SqlConditions.Bind pageSize = where.number(limit);
        String sql = "SELECT " + EventRows.COLUMNS + " FROM audit.event" + where.where(SqlConditions.NUMBERED)
                + SqlConditions.render(SqlConditions.NUMBERED, oldestFirst ? " ORDER BY occurred_at, seq LIMIT "
                        : " ORDER BY occurred_at DESC, seq DESC LIMIT ", pageSize);
        return pool.preparedQuery(sql).execute(where.tuple()).map(this::toEvents);
    }

    /**
     * Every matching event, oldest first, read through a server-side cursor {@code fetch} rows at a time, so that
     * an export of millions of events never sits in memory. A cursor needs a transaction: the caller opens it on
     * {@code connection} and ends it with the stream.
     */
    public Multi<StoredEvent> stream(SqlConnection connection, String accountId, EventFilter filter, int fetch) {
        SqlConditions where = conditions(accountId, filter);
        String sql = "SELECT " + EventRows.COLUMNS + " FROM audit.event" + where.where(SqlConditions.NUMBERED)
                + " ORDER BY occurred_at, seq";
        return connection.prepare(sql).toMulti()
                .onItem().transformToMultiAndConcatenate(statement -> statement.createStream(fetch, where.tuple())
                        .toMulti())
                .onItem().transform(rows::toEvent);
    }

    /** The account's events matching {@code filter}: the one statement of a log query, for every reader of it. */
    static SqlConditions conditions(String accountId, EventFilter filter) {
        SqlConditions where = new SqlConditions();
        where.add("account_id = ", where.text(accountId));
        if (filter.from() != null) {
            where.add("occurred_at >= ", where.time(filter.from()));
        }
        if (filter.to() != null) {
            where.add("occurred_at < ", where.time(filter.to()));
        }
        where.anyOf("category", filter.categories());
        where.anyOf("subcategory", filter.subcategories());
        where.anyOf("action", filter.actions());
        if (!filter.actors().isEmpty()) {
            SqlConditions.Bind actors = where.texts(filter.actors());
            where.add("(actor_id = ANY(", actors, "::text[]) OR actor_email = ANY(", actors, "::text[]))");
        }
        where.anyOf("actor_type", filter.actorTypes());
        if (!filter.teams().isEmpty()) {
            where.add("actor_teams && ", where.texts(filter.teams()), "::text[]");
        }
        where.anyOf("object_type", filter.objectTypes());
        where.anyOf("object_id", filter.objectIds());
        if (filter.excludedEventId() != null) {
            where.add("event_id <> ", where.text(filter.excludedEventId()));
        }
        if (!filter.ips().isEmpty()) {
            where.add("ip <<= ANY((", where.texts(filter.ips()), "::text[])::inet[])");
        }
        if (filter.text() != null) {
            SqlConditions.Bind pattern = where.text("%" + escapeLike(filter.text()) + "%");
            where.add("(event_id = ", where.text(filter.text()), " OR actor_email ILIKE ", pattern,
                    " OR actor_name ILIKE ", pattern, " OR object_name ILIKE ", pattern, " OR object_id ILIKE ",
                    pattern, " OR object_path ILIKE ", pattern, ")");
        }
        if (filter.withComments()) {
            // Every reader names the table audit.event without an alias, so "event" is the outer row here.
            where.add("EXISTS (SELECT 1 FROM audit.comment c WHERE c.account_id = event.account_id"
                    + " AND c.event_id = event.event_id AND c.deleted_at IS NULL)");
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

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
