package io.auditlog.export.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A job a worker has claimed, under its attempt number: what it needs to produce the report, and the time zone it
 * was asked in (the signed manifest repeats the request).
 */
public record ClaimedJob(UUID id, int attempt, String accountId, ExportType type, ExportFormat format,
        Map<String, List<String>> query, Instant from, Instant to, String timeZone) {
}
