package io.auditlog.export.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a report contains, with the audit-service layout that produces its rows. */
public enum ExportType {
    AUDIT_LOG("audit-log", "audit", "audit-log", "AUDIT_LOG"),
    CONTENT_LOG("content-log", "content", "content-log", "CONTENT_LOG"),
    STAFF_ACCESS("staff-access", "staff-access", "staff-access", "STAFF_ACCESS");

    private final String id;
    private final String layout;
    private final String filePrefix;
    private final String auditSubcategory;

    ExportType(String id, String layout, String filePrefix, String auditSubcategory) {
        this.id = id;
        this.layout = layout;
        this.filePrefix = filePrefix;
        this.auditSubcategory = auditSubcategory;
    }

    public String id() {
        return id;
    }

    public String layout() {
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
