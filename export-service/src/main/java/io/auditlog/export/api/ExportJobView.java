package io.auditlog.export.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A report job as returned; times in UTC, with the time zone the admin asked in. */
public record ExportJobView(String id, String type, String format, String status, Instant from, Instant to,
        String timeZone, Map<String, List<String>> filters, long rowsWritten, int filesWritten,
        List<ExportFileView> files, String failure, Instant createdAt, Instant startedAt, Instant completedAt,
        Instant expiresAt) {
}
