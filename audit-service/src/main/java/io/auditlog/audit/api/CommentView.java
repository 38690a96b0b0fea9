package io.auditlog.audit.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A comment as the API answers it. A thread's top comment carries its replies and its state; a reply has no
 * replies and null state. A deleted comment that still has replies is a placeholder: {@code deleted} true, no
 * author, text or mentions.
 */
public record CommentView(String id, String eventId, String parentId, PersonRef author, String text,
        List<PersonRef> mentions, Instant createdAt,
        @Schema(description = "When the text was last edited; null if never") Instant editedAt,
        boolean deleted, Instant deletedAt,
        @Schema(description = "Send it back with a change or delete") int version,
        @Schema(description = "Top comments only: whether the thread is resolved") Boolean resolved,
        Instant resolvedAt, PersonRef resolvedBy,
        @Schema(description = "Top comments only: the replies, oldest first") List<CommentView> replies) {
}
