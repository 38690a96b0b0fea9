package io.auditlog.audit.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new comment: a thread's top comment, or a reply to one ({@code parentId}). */
public record CommentInput(
        @Schema(description = "Plain text, 1 to 5000 characters; line breaks kept, no other control characters",
                required = true) String text,
        @Schema(description = "The thread's top comment, for a reply (replies are one level deep)") String parentId,
        @Schema(description = "User ids of the super admins of the account the text mentions (from GET /api/v1/people)")
        List<String> mentions) {
}
