package io.auditlog.audit.domain;

import java.time.Instant;
import java.util.UUID;

/** One restore of one deletion event, as stored; {@code payload} is the JSON body every attempt sends. */
public record Restore(UUID id, String accountId, String deletionEventId, String payload, String requestedById,
        String requestedByName, Instant requestedAt, RestoreState state, int attempts, Instant lastAttemptAt,
        Instant nextAttemptAt, Instant completedAt, String lastError, String requestEventId, String outcomeEventId) {
}
