package io.auditlog.audit.domain;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A validated event about to be stored; its id is the producer's idempotency key or one the server made. */
public record NewEvent(String id, OffsetDateTime occurredAt, String category, String subcategory, String action,
        Actor actor, EventObject object, EventContext context, ObjectNode details) {
}
