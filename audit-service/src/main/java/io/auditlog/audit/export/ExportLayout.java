package io.auditlog.audit.export;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.auditlog.audit.catalog.Code;
import io.auditlog.audit.catalog.EventCatalog;
import io.auditlog.audit.domain.StoredEvent;

/**
 * The column sets of an exported report. {@code content} and {@code staff-access} follow the product pages: the
 * content log's columns exactly, with the cells that do not apply to an action left empty.
 */
public enum ExportLayout {

    AUDIT("audit", null, List.of("Event ID", "Date (UTC)", "Category", "Subcategory", "Action", "Actor ID",
            "Actor email", "Actor name", "Actor type", "Department", "Teams", "Object type", "Object ID",
            "Object name", "Path", "IP address", "Country", "Region", "Login type", "User agent", "Details")),
    CONTENT("content", "CONTENT", List.of("Action", "Date", "User name", "User email", "Path", "Item name",
            "Item ID", "Item type", "IP address", "Created", "Last modified", "Password protected", "Shared link",
            "Permission", "Collaborator email")),
    STAFF_ACCESS("staff-access", "LOGIN", List.of("Date (UTC)", "Staff ID", "Staff name", "Staff email",
            "Department", "Outcome", "IP address", "Country", "Region", "Login type", "User agent"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ITEM_ACTIONS = Set.of("CREATE", "READ", "UPDATE", "PERMANENT_DELETE");
    private static final Set<String> LINK_ACTIONS = Set.of("PUBLIC_LINK_CREATED", "PUBLIC_LINK_REMOVED");
    private static final Set<String> SHARING_ACTIONS = Set.of("INVITATION_SENT", "INVITATION_ACCEPTED",
            "COLLABORATOR_ROLE_CHANGED");

    private final String id;
    private final String category;
    private final List<String> header;

    ExportLayout(String id, String category, List<String> header) {
        this.id = id;
        this.category = category;
        this.header = header;
    }

    public String id() {
        return id;
    }

    /** The one category the layout reports on, or null for all. */
    public String category() {
        return category;
    }

    public List<String> header() {
        return header;
    }

    public static Optional<ExportLayout> byId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    /** The row of one event, cells in header order; null stands for an empty cell. */
    public List<String> row(StoredEvent e) {
        return switch (this) {
            case AUDIT -> Arrays.asList(e.id(), time(e.occurredAt()), e.category(), e.subcategory(), e.action(),
                    e.actor().id(), e.actor().email(), e.actor().name(), name(e.actor().type()),
                    name(e.actor().department()), e.actor().teams() == null ? null : String.join(";", e.actor().teams()),
                    e.object().type(), e.object().id(), e.object().name(), e.object().path(), e.context().ip(),
                    e.context().country(), e.context().region(), e.context().loginType(), e.context().userAgent(),
                    e.detailsJson());
            case CONTENT -> contentRow(e);
            case STAFF_ACCESS -> Arrays.asList(time(e.occurredAt()), e.actor().id(), e.actor().name(),
                    e.actor().email(), name(e.actor().department()), label("LOGIN", e.subcategory(), true),
                    e.context().ip(), e.context().country(), e.context().region(), e.context().loginType(),
                    e.context().userAgent());
        };
    }

    private static List<String> contentRow(StoredEvent e) {
        boolean item = ITEM_ACTIONS.contains(e.action());
        boolean link = LINK_ACTIONS.contains(e.action());
        boolean sharing = SHARING_ACTIONS.contains(e.action());
        ObjectNode d = item || link || sharing ? details(e.detailsJson()) : null;
        return Arrays.asList(label("CONTENT", e.action(), false), time(e.occurredAt()), e.actor().name(),
                e.actor().email(), e.object().path(), e.object().name(), e.object().id(), name(e.object().itemType()),
                item ? e.context().ip() : null, item ? text(d, "created") : null, item ? text(d, "lastModified") : null,
                link ? text(d, "passwordProtected") : null, link ? text(d, "sharedLink") : null,
                sharing ? text(d, "permission") : null, sharing ? text(d, "collaboratorEmail") : null);
    }

    private static String label(String category, String code, boolean subcategory) {
        if (code == null) {
            return null;
        }
        return EventCatalog.category(category)
                .flatMap(c -> (subcategory ? c.subcategories() : c.actions()).stream()
                        .filter(x -> x.code().equals(code)).findFirst())
                .map(Code::label).orElse(code);
    }

    private static ObjectNode details(String json) {
        if (json == null) {
            return null;
        }
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored details are not a JSON object", e);
        }
    }

    private static String text(ObjectNode details, String field) {
        JsonNode value = details == null ? null : details.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    private static String time(Instant instant) {
        return instant.toString();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
