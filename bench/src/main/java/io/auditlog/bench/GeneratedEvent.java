package io.auditlog.bench;

import java.time.Instant;
import java.util.List;

/**
 * One generated audit event, holding the values both load paths write: the API path sends them as JSON, the
 * plain paths write them into the columns of the same name. Null means absent. {@code detailsJson} is the
 * JSON text of the {@code details} object (or null).
 */
public record GeneratedEvent(
        String accountId,
        String eventId,
        Instant occurredAt,
        String category,
        String subcategory,
        String action,
        String actorId,
        String actorEmail,
        String actorName,
        String actorType,
        List<String> actorTeams,
        String objectType,
        String objectId,
        String objectName,
        String ip,
        String userAgent,
        String loginType,
        String country,
        String region,
        String detailsJson) {
}
