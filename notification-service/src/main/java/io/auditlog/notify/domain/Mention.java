package io.auditlog.notify.domain;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Someone was @mentioned in a comment on a log entry. The record the audit-service's comments API is to publish,
 * one per mentioned user, as a feed like the others (docs/decisions.md, "Notifications"): the comment id makes it
 * once-only.
 */
public record Mention(String commentId, String eventId, String accountId, String authorName,
        String mentionedUserId, String mentionedEmail, String excerpt, Instant createdAt) {

    public static Mention of(JsonNode item) {
        return new Mention(item.path("commentId").asText(), item.path("eventId").asText(),
                item.path("accountId").asText(), item.path("authorName").asText(null),
                item.path("mentionedUserId").asText(), item.path("mentionedEmail").asText(null),
                item.path("excerpt").asText(""), Instant.parse(item.path("createdAt").asText()));
    }
}
