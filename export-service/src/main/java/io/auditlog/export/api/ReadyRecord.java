package io.auditlog.export.api;

import java.time.Instant;

/** "The export of this job is ready", for the notification-service to tell the requester (once). */
public record ReadyRecord(String jobId, String accountId, String requestedBy, String requesterEmail,
        Instant createdAt, String download) {
}
