package io.auditlog.audit.repository;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.EventContext;
import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.NewEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes events with the reactive PostgreSQL client: a whole batch is two statements over arrays (keys, then
 * rows), however many events it holds. Hibernate would issue one INSERT per event.
 */
@ApplicationScoped
public class EventRepository {

    private static final String CLAIM_KEYS = """
            INSERT INTO audit.event_key (account_id, event_id, occurred_at)
            SELECT $1, k.event_id, k.occurred_at FROM unnest($2::text[], $3::timestamptz[]) AS k(event_id, occurred_at)
            ON CONFLICT DO NOTHING
            RETURNING event_id""";

    private static final String INSERT_EVENTS = """
            INSERT INTO audit.event (account_id, event_id, occurred_at, category, subcategory, action,
                actor_id, actor_email, actor_name, actor_type, actor_department, actor_teams,
                object_type, object_id, object_name, object_path, object_item_type,
                ip, user_agent, login_type, country, region, details)
            SELECT $1, e.event_id, e.occurred_at, e.category, e.subcategory, e.action,
                e.actor_id, e.actor_email, e.actor_name, e.actor_type, e.actor_department,
                CASE WHEN e.actor_teams IS NULL THEN NULL
                     ELSE ARRAY(SELECT jsonb_array_elements_text(e.actor_teams::jsonb)) END,
                e.object_type, e.object_id, e.object_name, e.object_path, e.object_item_type,
                e.ip::inet, e.user_agent, e.login_type, e.country, e.region, e.details::jsonb
            FROM unnest($2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                        $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[],
                        $23::text[])
                WITH ORDINALITY AS e(event_id, occurred_at, category, subcategory, action, actor_id, actor_email,
                    actor_name, actor_type, actor_department, actor_teams, object_type, object_id, object_name,
                    object_path, object_item_type, ip, user_agent, login_type, country, region, details, ord)
            ORDER BY e.ord""";

    /**
     * Records the idempotency keys of {@code events} and answers the ids that were new. Keys are claimed in id
     * order so that two concurrent batches sharing ids wait for each other instead of deadlocking.
     */
    public Uni<Set<String>> claimNewIds(SqlConnection connection, String accountId, List<NewEvent> events) {
        List<NewEvent> byId = events.stream().sorted(Comparator.comparing(NewEvent::id)).toList();
        Tuple params = Tuple.tuple()
                .addValue(accountId)
                .addValue(byId.stream().map(NewEvent::id).toArray(String[]::new))
                .addValue(byId.stream().map(NewEvent::occurredAt).toArray(OffsetDateTime[]::new));
        return connection.preparedQuery(CLAIM_KEYS).execute(params).map(rows -> {
            Set<String> created = new HashSet<>();
            for (Row row : rows) {
                created.add(row.getString(0));
            }
            return created;
        });
    }

    public Uni<Void> insert(SqlConnection connection, String accountId, List<NewEvent> events) {
        Tuple params = Tuple.tuple().addValue(accountId)
                .addValue(column(events, NewEvent::id))
                .addValue(events.stream().map(NewEvent::occurredAt).toArray(OffsetDateTime[]::new))
                .addValue(column(events, NewEvent::category))
                .addValue(column(events, NewEvent::subcategory))
                .addValue(column(events, NewEvent::action))
                .addValue(actorColumn(events, Actor::id))
                .addValue(actorColumn(events, Actor::email))
                .addValue(actorColumn(events, Actor::name))
                .addValue(actorColumn(events, a -> a.type() == null ? null : a.type().name()))
                .addValue(actorColumn(events, a -> a.department() == null ? null : a.department().name()))
                .addValue(actorColumn(events, a -> a.teams() == null ? null : new JsonArray(a.teams()).encode()))
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
                .addValue(column(events, e -> e.details() == null ? null : e.details().toString()));
        return connection.preparedQuery(INSERT_EVENTS).execute(params).replaceWithVoid();
    }

    /** Rings the feed's doorbell; PostgreSQL delivers it only when (and if) the transaction commits. */
    public Uni<Void> signalFeed(SqlConnection connection) {
        return connection.query("NOTIFY audit_feed").execute().replaceWithVoid();
    }

    private static String[] column(List<NewEvent> events, Function<NewEvent, String> field) {
        return events.stream().map(field).toArray(String[]::new);
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
