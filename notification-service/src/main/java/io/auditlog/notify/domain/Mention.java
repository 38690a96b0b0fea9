package io.auditlog.notify.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Someone was @mentioned in a comment on a log entry. The record the audit-service's comments API is to publish,
 * one per mentioned user, as a feed like the others (docs/decisions.md, "Notifications"): the comment id makes it
 * once-only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Mention(String commentId, String eventId, String accountId, String authorName,
        String mentionedUserId, String mentionedEmail, String excerpt, Instant createdAt) {
}
