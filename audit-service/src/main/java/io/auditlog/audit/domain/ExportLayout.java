package io.auditlog.audit.domain;

import java.util.List;

import io.auditlog.common.report.ReportLayout;

/**
 * How each report the log streams looks: its CSV header, keyed by the platform's {@link ReportLayout}, which says
 * what the report holds (its fixed filter). {@code content} and {@code staff-access} follow the product pages: the
 * content log's columns exactly. The cells are SQL expressions (repository's CopyColumns), in header order, so that
 * PostgreSQL's COPY writes the rows and the header.
 */
public enum ExportLayout {

    AUDIT(ReportLayout.AUDIT, List.of("Event ID", "Date (UTC)", "Category", "Subcategory", "Action", "Actor ID",
            "Actor email", "Actor name", "Actor type", "Department", "Teams", "Object type", "Object ID",
            "Object name", "Path", "IP address", "Country", "Region", "Login type", "User agent", "Details")),
    CONTENT(ReportLayout.CONTENT, List.of("Action", "Date", "User name", "User email", "Path", "Item name",
            "Item ID", "Item type", "IP address", "Created", "Last modified", "Password protected", "Shared link",
            "Permission", "Collaborator email")),
    STAFF_ACCESS(ReportLayout.STAFF_ACCESS, List.of("Date (UTC)", "Staff ID", "Staff name", "Staff email",
            "Department", "Outcome", "IP address", "Country", "Region", "Login type", "User agent"));

    private final ReportLayout report;
    private final List<String> header;

    ExportLayout(ReportLayout report, List<String> header) {
        this.report = report;
        this.header = header;
    }

    /** What the report holds. */
    public ReportLayout report() {
        return report;
    }

    /** The layout's name in the export API ({@code layout=}) and in the file name. */
    public String id() {
        return report.id();
    }

    public List<String> header() {
        return header;
    }

    public static ExportLayout of(ReportLayout report) {
        for (ExportLayout layout : values()) {
            if (layout.report == report) {
                return layout;
            }
        }
        throw new IllegalArgumentException("No layout for report " + report);
    }
}
