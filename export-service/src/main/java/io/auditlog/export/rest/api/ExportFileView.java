package io.auditlog.export.rest.api;

public record ExportFileView(int number, String name, long rows, long bytes, String url) {
}
