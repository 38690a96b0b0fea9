package io.auditlog.audit.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A change to a comment: its text and mentions (its author), or its thread's state (any super admin). */
public record CommentChange(
        @Schema(description = "The comment's version as last read; an older one is refused with 409", required = true)
        Integer version,
        @Schema(description = "New text (author only); the comment is then marked edited") String text,
        @Schema(description = "The people the new text mentions (author only); those new to it are notified")
        List<String> mentions,
        @Schema(description = "Resolve (true) or reopen (false) the thread; top comments only") Boolean resolved) {
}
