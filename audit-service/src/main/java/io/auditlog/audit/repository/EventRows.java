package io.auditlog.audit.repository;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.Department;
import io.auditlog.audit.domain.EventContext;
import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.ItemType;
import io.auditlog.audit.domain.StoredEvent;
import io.vertx.mutiny.sqlclient.Row;

/** The columns every event read selects, and how a row of them becomes a {@link StoredEvent}. */
@ApplicationScoped
public class EventRows {

    public static final String COLUMNS = "account_id, event_id, seq, tx_id::text AS tx_id, occurred_at, recorded_at, "
            + "category, subcategory, action, actor_id, actor_email, actor_name, actor_type, actor_department, "
            + "actor_teams, object_type, object_id, object_name, object_path, object_item_type, host(ip) AS ip, "
            + "user_agent, login_type, country, region, details::text AS details";

    public StoredEvent toEvent(Row row) {
        return new StoredEvent(
                row.getString("account_id"),
                row.getString("event_id"),
                row.getLong("seq"),
                row.getString("tx_id"),
                row.getOffsetDateTime("occurred_at").toInstant(),
                row.getOffsetDateTime("recorded_at").toInstant(),
                row.getString("category"),
                row.getString("subcategory"),
                row.getString("action"),
                actor(row),
                object(row),
                new EventContext(row.getString("ip"), row.getString("user_agent"), row.getString("login_type"),
                        row.getString("country"), row.getString("region")),
                row.getString("details"));
    }

    private static Actor actor(Row row) {
        String type = row.getString("actor_type");
        String department = row.getString("actor_department");
        String[] teams = row.getArrayOfStrings("actor_teams");
        return new Actor(row.getString("actor_id"), row.getString("actor_email"), row.getString("actor_name"),
                type == null ? null : ActorType.valueOf(type),
                department == null ? null : Department.valueOf(department),
                teams == null ? null : Arrays.asList(teams));
    }

    private static EventObject object(Row row) {
        String itemType = row.getString("object_item_type");
        return new EventObject(row.getString("object_type"), row.getString("object_id"), row.getString("object_name"),
                row.getString("object_path"), itemType == null ? null : ItemType.valueOf(itemType));
    }
}
