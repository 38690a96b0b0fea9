package io.auditlog.export.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A report job as returned; times in UTC, with the time zone the admin asked in. {@code manifest} links the signed
 * manifest of a completed report (null before completion, and for reports completed without one).
 */
public record ExportJobView(String id, String type, String format, String status, Instant from, Instant to,
        String timeZone, Map<String, List<String>> filters, long rowsWritten, int filesWritten,
        List<ExportFileView> files, String failure, Instant createdAt, Instant startedAt, Instant completedAt,
        Instant expiresAt, ManifestLink manifest) {

    /** The signed manifest's URL, the per-row proof's (NDJSON only, else null) and the tree size it is sealed under. */
    public record ManifestLink(String url, String proofUrl, long treeSize) {
    }
}
