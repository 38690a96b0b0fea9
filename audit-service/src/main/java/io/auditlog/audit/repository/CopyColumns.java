package io.auditlog.audit.repository;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.auditlog.audit.domain.Code;
import io.auditlog.audit.domain.EventCatalog;
import io.auditlog.audit.domain.ExportLayout;

/**
 * The report columns of each layout as SQL expressions, for PostgreSQL's COPY to write the CSV itself: cells in
 * header order, formula-neutralised by audit.csv_safe, cells that do not apply to an action left NULL (empty), each
 * named after its header cell so that COPY's HEADER writes the layout's header.
 */
final class CopyColumns {

    private static final String TIME = "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private CopyColumns() {
    }

    /** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1 bytes), and the header would lose its end. */
    private static final int MAX_NAME_BYTES = 63;

    /** The select list of a layout's report: every cell expression, named after its header cell. */
    static String select(ExportLayout layout) {
        List<String> cells = of(layout);
        List<String> names = layout.header();
        if (cells.size() != names.size()) {
            throw new IllegalStateException("Layout " + layout.id() + " has " + names.size() + " header cells and "
                    + cells.size() + " columns");
        }
        List<String> select = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            select.add(cells.get(i) + " AS " + quoted(names.get(i)));
        }
        return String.join(", ", select);
    }

    private static String quoted(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalStateException("A header cell PostgreSQL would cut short: " + name);
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static List<String> of(ExportLayout layout) {
        return switch (layout) {
            case AUDIT -> List.of("audit.csv_safe(event_id)", TIME, "category", "subcategory", "action",
                    safe("actor_id"), safe("actor_email"), safe("actor_name"), "actor_type", "actor_department",
                    safe("array_to_string(actor_teams, ';')"), safe("object_type"), safe("object_id"),
                    safe("object_name"), safe("object_path"), "host(ip)", safe("country"), safe("region"),
                    safe("login_type"), safe("user_agent"), safe("details::text"));
            case CONTENT -> List.of(labels("CONTENT", "action", false), TIME, safe("actor_name"),
                    safe("actor_email"), safe("object_path"), safe("object_name"), safe("object_id"),
                    "object_item_type",
                    when(ITEM, "host(ip)"), when(ITEM, safe("details->>'created'")),
                    when(ITEM, safe("details->>'lastModified'")), when(LINK, safe("details->>'passwordProtected'")),
                    when(LINK, safe("details->>'sharedLink'")), when(SHARING, safe("details->>'permission'")),
                    when(SHARING, safe("details->>'collaboratorEmail'")));
            case STAFF_ACCESS -> List.of(TIME, safe("actor_id"), safe("actor_name"), safe("actor_email"),
                    "actor_department", labels("LOGIN", "subcategory", true), "host(ip)", safe("country"),
                    safe("region"), safe("login_type"), safe("user_agent"));
        };
    }

    private static final Set<String> ITEM = Set.of("CREATE", "READ", "UPDATE", "PERMANENT_DELETE");
    private static final Set<String> LINK = Set.of("PUBLIC_LINK_CREATED", "PUBLIC_LINK_REMOVED");
    private static final Set<String> SHARING = Set.of("INVITATION_SENT", "INVITATION_ACCEPTED",
            "COLLABORATOR_ROLE_CHANGED");

    private static String safe(String expression) {
        return "audit.csv_safe(" + expression + ")";
    }

    private static String when(Set<String> actions, String expression) {
        return "CASE WHEN action IN (" + actions.stream().sorted().map(a -> "'" + a + "'")
                .collect(Collectors.joining(", ")) + ") THEN " + expression + " END";
    }

    /** The catalog's labels for a column of codes; codes and labels are the catalog's own constants. */
    private static String labels(String category, String column, boolean subcategories) {
        List<Code> codes = EventCatalog.category(category).map(c -> subcategories ? c.subcategories() : c.actions())
                .orElseThrow();
        StringBuilder sql = new StringBuilder("CASE ").append(column);
        for (Code code : codes) {
            sql.append(" WHEN '").append(code.code()).append("' THEN '").append(code.label().replace("'", "''"))
                    .append('\'');
        }
        return sql.append(" ELSE ").append(column).append(" END").toString();
    }
}
