package io.auditlog.audit.domain;

import java.time.Instant;
import java.util.UUID;

import io.auditlog.common.feed.FeedPosition;

/** A durable "this comment mentions this person" record, with its place in the mentions feed. */
public record MentionEntry(UUID commentId, String eventId, String accountId, String authorName,
        String mentionedUserId, String mentionedEmail, String excerpt, Instant createdAt, FeedPosition position) {
}
