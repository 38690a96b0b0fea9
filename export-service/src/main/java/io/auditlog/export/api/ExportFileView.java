package io.auditlog.export.api;

public record ExportFileView(int number, String name, long rows, long bytes, String url) {
}
