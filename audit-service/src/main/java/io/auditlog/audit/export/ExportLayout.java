package io.auditlog.audit.export;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The reports the audit log streams and their CSV headers. {@code content} and {@code staff-access} follow the
 * product pages: the content log's columns exactly. The cells are SQL expressions in {@link CopyColumns}, in
 * header order, so that PostgreSQL's COPY writes the rows.
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
}
