package io.auditlog.export.api;

/** A file of a completed report; {@code sha256} (lowercase hex, as sha256sum prints it) as its signed manifest lists it. */
public record ExportFileView(int number, String name, long rows, long bytes, String url, String sha256) {
}
