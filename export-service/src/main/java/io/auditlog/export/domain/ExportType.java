package io.auditlog.export.domain;

import java.util.Arrays;
import java.util.Optional;

import io.auditlog.common.report.ReportLayout;

/**
 * What a report contains: the audit-service layout that produces its rows ({@link ReportLayout}, which also holds
 * the filter each report fixes, shared with the audit-service), its file names and how its request is audited.
 */
public enum ExportType {
    AUDIT_LOG("audit-log", ReportLayout.AUDIT, "audit-log", "AUDIT_LOG"),
    CONTENT_LOG("content-log", ReportLayout.CONTENT, "content-log", "CONTENT_LOG"),
    STAFF_ACCESS("staff-access", ReportLayout.STAFF_ACCESS, "staff-access", "STAFF_ACCESS");

    private final String id;
    private final ReportLayout layout;
    private final String filePrefix;
    private final String auditSubcategory;

    ExportType(String id, ReportLayout layout, String filePrefix, String auditSubcategory) {
        this.id = id;
        this.layout = layout;
        this.filePrefix = filePrefix;
        this.auditSubcategory = auditSubcategory;
    }

    public String id() {
        return id;
    }

    public ReportLayout layout() {
        return layout;
    }

    public String filePrefix() {
        return filePrefix;
    }

    /** The subcategory of the EXPORT event that records the request in the audit log. */
    public String auditSubcategory() {
        return auditSubcategory;
    }

    public static Optional<ExportType> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
