package io.auditlog.notify.domain;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** The parts of an audit feed item that alerts look at (docs/architecture.md, "The event"). */
public record AuditEvent(String id, String accountId, Instant occurredAt, String category, String action,
        String actorName, String actorEmail, String objectType, String objectId, String objectName) {

    public static AuditEvent of(JsonNode item) {
        JsonNode actor = item.path("actor");
        JsonNode object = item.path("object");
        return new AuditEvent(item.path("id").asText(), item.path("accountId").asText(),
                Instant.parse(item.path("occurredAt").asText()), item.path("category").asText(),
                item.path("action").asText(), text(actor, "name"), text(actor, "email"), text(object, "type"),
                text(object, "id"), text(object, "name"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /** Who did it, as a mail names them. */
    public String actorLabel() {
        if (actorName != null && actorEmail != null) {
            return actorName + " <" + actorEmail + ">";
        }
        return actorName != null ? actorName : actorEmail != null ? actorEmail : "an unnamed actor";
    }

    /** What it was done to, as a mail names it. */
    public String objectLabel() {
        if (objectName != null && objectId != null) {
            return objectName + " (" + objectId + ")";
        }
        if (objectName != null) {
            return objectName;
        }
        return objectId != null ? objectId : "an unnamed user";
    }
}
