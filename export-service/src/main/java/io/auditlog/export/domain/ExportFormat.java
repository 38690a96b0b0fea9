package io.auditlog.export.domain;

public enum ExportFormat {
    CSV("csv", "text/csv; charset=UTF-8"), NDJSON("ndjson", "application/x-ndjson");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
