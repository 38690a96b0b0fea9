package io.auditlog.audit.api;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An event as a producer sends it (docs/architecture.md, "The event, as sent and as returned"). */
public record EventInput(
        String id,
        @JsonDeserialize(using = OccurredAtDeserializer.class) OffsetDateTime occurredAt,
        String category,
        String subcategory,
        String action,
        ActorInput actor,
        ObjectInput object,
        ContextInput context,
        ObjectNode details) {
}
