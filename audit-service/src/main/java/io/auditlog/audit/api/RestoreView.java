package io.auditlog.audit.api;

import java.time.Instant;

/** One restore of a deletion: its state, attempts and the audit events of its request and outcome. */
public record RestoreView(String id, String state, Instant requestedAt, RestoreRequester requestedBy, int attempts,
        Instant lastAttemptAt, Instant nextAttemptAt, Instant completedAt, String lastError, String requestEventId,
        String outcomeEventId) {
}
