package io.auditlog.audit.api;

import java.time.Instant;

/**
 * "This comment mentions this person", for the notification-service to tell them once (the mentions feed; the
 * notification-service's {@code Mention} reads it).
 */
public record MentionRecord(String commentId, String eventId, String accountId, String authorName,
        String mentionedUserId, String mentionedEmail, String excerpt, Instant createdAt) {
}
