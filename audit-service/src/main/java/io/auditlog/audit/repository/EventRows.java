package io.auditlog.audit.repository;

import java.util.Arrays;

import jakarta.inject.Singleton;

import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.Department;
import io.auditlog.audit.domain.EventContext;
import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.ItemType;
import io.auditlog.audit.domain.StoredEvent;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The columns every event read selects, and how a row of them becomes a {@link StoredEvent}. Rows are read by
 * position, in the order of {@link #COLUMNS} (every statement that maps with {@link #toEvent} selects them first):
 * a read by name looks the name up among the row's columns each time (hashing it), 26 times a row, which was an
 * eighth of the feed page's time. A singleton (no client proxy to look the instance up on every row): it holds nothing.
 */
@Singleton
public class EventRows {

    public static final String COLUMNS = "account_id, event_id, seq, tx_id::text AS tx_id, occurred_at, recorded_at, "
            + "category, subcategory, action, actor_id, actor_email, actor_name, actor_type, actor_department, "
            + "actor_teams, object_type, object_id, object_name, object_path, object_item_type, host(ip) AS ip, "
            + "user_agent, login_type, country, region, details::text AS details";

    public StoredEvent toEvent(Row row) {
        return new StoredEvent(
                row.getString(0),
                row.getString(1),
                row.getLong(2),
                row.getString(3),
                row.getOffsetDateTime(4).toInstant(),
                row.getOffsetDateTime(5).toInstant(),
                row.getString(6),
                row.getString(7),
                row.getString(8),
                actor(row),
                object(row),
                new EventContext(row.getString(20), row.getString(21), row.getString(22), row.getString(23),
                        row.getString(24)),
                row.getString(25));
    }

    private static Actor actor(Row row) {
        String type = row.getString(12);
        String department = row.getString(13);
        String[] teams = row.getArrayOfStrings(14);
        return new Actor(row.getString(9), row.getString(10), row.getString(11),
                type == null ? null : ActorType.valueOf(type),
                department == null ? null : Department.valueOf(department),
                teams == null ? null : Arrays.asList(teams));
    }

    private static EventObject object(Row row) {
        String itemType = row.getString(19);
        return new EventObject(row.getString(15), row.getString(16), row.getString(17), row.getString(18),
                itemType == null ? null : ItemType.valueOf(itemType));
    }
}
