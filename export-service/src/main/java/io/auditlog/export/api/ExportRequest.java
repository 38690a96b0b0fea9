package io.auditlog.export.api;

import java.util.Map;

/**
 * A report request. {@code from}/{@code to} are in the admin's {@code timeZone} (a date, a local date-time, or an
 * instant with offset); {@code filters} take the audit log's query parameters (a value or a list each);
 * {@code viewId} applies a built-in view.
 */
public record ExportRequest(String type, String format, String from, String to, String timeZone,
        Map<String, Object> filters, String viewId) {
}
