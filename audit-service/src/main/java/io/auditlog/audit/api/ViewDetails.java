package io.auditlog.audit.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A view of the log: one of the three built-in ones ({@code builtIn}, no owner, shared with everyone, never
 * changed) or a saved one.
 */
public record ViewDetails(
        @Schema(description = "A built-in view's id (all-logs, login-history, security-activity) or a saved view's "
                + "UUID") String id,
        String name,
        boolean builtIn,
        @Schema(description = "null for built-in views") ViewOwner owner,
        @Schema(description = "Whether the caller owns the view (may change and delete it)") boolean own,
        boolean shared,
        @Schema(description = "The log search's filter parameters the view applies") Map<String, Object> filters,
        List<String> columns,
        @Schema(enumeration = { "newest", "oldest" }) String sort,
        @Schema(description = "When a search last used the view (any reader), null if never or built-in")
        Instant lastUsedAt,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "The version a PUT must send; null for built-in views") Integer version) {
}
