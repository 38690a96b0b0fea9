package io.auditlog.export.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A report job. {@code query} holds the audit-log filters as the audit-service's query parameters; the period
 * is [from, to) in UTC, requested in {@code timeZone}.
 */
public record ExportJob(UUID id, String accountId, String requestedBy, String requesterEmail, ExportType type,
        ExportFormat format, Map<String, List<String>> query, Instant from, Instant to, String timeZone,
        JobStatus status, int attempt, long rowsWritten, int filesWritten, String failure, Instant createdAt,
        Instant startedAt, Instant completedAt, Instant expiresAt) {

    /**
     * The job as it stands at {@code now}: a completed report past its expiry is expired from that moment, whether
     * or not the hourly purge has marked it yet.
     */
    public ExportJob asOf(Instant now) {
        if (status != JobStatus.COMPLETED || expiresAt == null || expiresAt.isAfter(now)) {
            return this;
        }
        return new ExportJob(id, accountId, requestedBy, requesterEmail, type, format, query, from, to, timeZone,
                JobStatus.EXPIRED, attempt, rowsWritten, filesWritten, failure, createdAt, startedAt, completedAt,
                expiresAt);
    }
}
