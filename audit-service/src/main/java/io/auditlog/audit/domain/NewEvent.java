package io.auditlog.audit.domain;

import java.time.OffsetDateTime;

/**
 * A validated event about to be stored; its id is the producer's idempotency key or one the server made, its
 * details the JSON object as text.
 */
public record NewEvent(String id, OffsetDateTime occurredAt, String category, String subcategory, String action,
        Actor actor, EventObject object, EventContext context, String detailsJson) {
}
