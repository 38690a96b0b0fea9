package io.auditlog.analytics.domain;

import java.time.Instant;

/**
 * The fields of a change-feed event that the rollups count by; the rest of the event is ignored. Absent optional
 * fields are null.
 */
public record FeedEvent(String accountId, Instant occurredAt, String category, String subcategory, String action,
        String actorId, String actorEmail, String objectType, String objectId) {
}
