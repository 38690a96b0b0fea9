package io.auditlog.audit.repository;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.EventContext;
import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.NewEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes events with the reactive PostgreSQL client: a whole batch is one statement over arrays, however many
 * events it holds. Hibernate would issue one INSERT per event.
 */
@ApplicationScoped
public class EventRepository {

    /**
     * One statement per batch: claim the idempotency keys (in id order, so that two concurrent batches sharing
     * ids wait for each other instead of deadlocking), then insert only the events whose key was new, in the
     * order they were sent. Answers the ids it created.
     */
    private static final String INSERT_NEW = """
            WITH batch AS (
                SELECT * FROM unnest($2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[],
                                     $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
                                     $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[],
                                     $20::text[], $21::text[], $22::text[], $23::text[])
                    WITH ORDINALITY AS e(event_id, occurred_at, category, subcategory, action, actor_id, actor_email,
                        actor_name, actor_type, actor_department, actor_teams, object_type, object_id, object_name,
                        object_path, object_item_type, ip, user_agent, login_type, country, region, details, ord)
            ), claimed AS (
                INSERT INTO audit.event_key (account_id, event_id, occurred_at)
                SELECT $1, event_id, occurred_at FROM batch ORDER BY event_id
                ON CONFLICT DO NOTHING
                RETURNING event_id
            )
            INSERT INTO audit.event (account_id, event_id, occurred_at, category, subcategory, action,
                actor_id, actor_email, actor_name, actor_type, actor_department, actor_teams,
                object_type, object_id, object_name, object_path, object_item_type,
                ip, user_agent, login_type, country, region, details)
            SELECT $1, b.event_id, b.occurred_at, b.category, b.subcategory, b.action,
                b.actor_id, b.actor_email, b.actor_name, b.actor_type, b.actor_department, b.actor_teams::text[],
                b.object_type, b.object_id, b.object_name, b.object_path, b.object_item_type,
                b.ip::inet, b.user_agent, b.login_type, b.country, b.region, b.details::jsonb
            FROM batch b JOIN claimed c ON c.event_id = b.event_id
            ORDER BY b.ord
            RETURNING event_id""";

    /** Stores the events whose ids are new to the account; answers those ids (repeats are left out). */
    public Uni<Set<String>> insertNew(SqlConnection connection, String accountId, List<NewEvent> events) {
        Tuple params = Tuple.tuple().addValue(accountId)
                .addValue(column(events, NewEvent::id))
                .addValue(column(events, NewEvent::occurredAt, OffsetDateTime[]::new))
                .addValue(column(events, NewEvent::category))
                .addValue(column(events, NewEvent::subcategory))
                .addValue(column(events, NewEvent::action))
                .addValue(actorColumn(events, Actor::id))
                .addValue(actorColumn(events, Actor::email))
                .addValue(actorColumn(events, Actor::name))
                .addValue(actorColumn(events, a -> a.type() == null ? null : a.type().name()))
                .addValue(actorColumn(events, a -> a.department() == null ? null : a.department().name()))
                .addValue(actorColumn(events, a -> PgArrays.literal(a.teams())))
                .addValue(objectColumn(events, EventObject::type))
                .addValue(objectColumn(events, EventObject::id))
                .addValue(objectColumn(events, EventObject::name))
                .addValue(objectColumn(events, EventObject::path))
                .addValue(objectColumn(events, o -> o.itemType() == null ? null : o.itemType().name()))
                .addValue(contextColumn(events, EventContext::ip))
                .addValue(contextColumn(events, EventContext::userAgent))
                .addValue(contextColumn(events, EventContext::loginType))
                .addValue(contextColumn(events, EventContext::country))
                .addValue(contextColumn(events, EventContext::region))
                .addValue(column(events, NewEvent::detailsJson));
        return connection.preparedQuery(INSERT_NEW).execute(params).map(rows -> {
            Set<String> created = new HashSet<>();
            for (Row row : rows) {
                created.add(row.getString(0));
            }
            return created;
        });
    }

    /**
     * Rings the feed's doorbell; PostgreSQL delivers it only when (and if) the transaction commits. On the pool
     * itself it is a statement of its own, delivered at once.
     */
    public Uni<Void> signalFeed(SqlClient client) {
        return client.query("NOTIFY audit_feed").execute().replaceWithVoid();
    }

    private static String[] column(List<NewEvent> events, Function<NewEvent, String> field) {
        return column(events, field, String[]::new);
    }

    /** One parameter array: a plain loop, as a stream's builder per column was a visible part of every batch. */
    private static <T> T[] column(List<NewEvent> events, Function<NewEvent, T> field, IntFunction<T[]> array) {
        T[] column = array.apply(events.size());
        for (int i = 0; i < column.length; i++) {
            column[i] = field.apply(events.get(i));
        }
        return column;
    }

    private static String[] actorColumn(List<NewEvent> events, Function<Actor, String> field) {
        return column(events, e -> e.actor() == null ? null : field.apply(e.actor()));
    }

    private static String[] objectColumn(List<NewEvent> events, Function<EventObject, String> field) {
        return column(events, e -> e.object() == null ? null : field.apply(e.object()));
    }

    private static String[] contextColumn(List<NewEvent> events, Function<EventContext, String> field) {
        return column(events, e -> e.context() == null ? null : field.apply(e.context()));
    }
}
