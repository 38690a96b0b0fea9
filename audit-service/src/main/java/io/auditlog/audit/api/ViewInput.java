package io.auditlog.audit.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A saved view as sent to create (POST) or replace (PUT) it; any other field is a 400 naming it. PUT sends the
 * {@code version} it read: a view changed since is a 409.
 */
public record ViewInput(
        @Schema(description = "1 to 100 characters, one line; unique among the owner's views (any case)",
                required = true) String name,
        @Schema(description = "The log search's filter parameters: category, subcategory, action, actor, actorType, "
                + "team, objectType, objectId, ip (arrays of strings), from, to, q (strings)",
                example = "{\"category\":[\"LOGIN\"],\"actor\":[\"u-42\"]}") JsonNode filters,
        @Schema(description = "The log's columns shown, in order: time, user, department, category, activity, "
                + "object, where; default time, user, category, activity, object, where") List<String> columns,
        @Schema(description = "newest (default) or oldest first", enumeration = { "newest", "oldest" }) String sort,
        @Schema(description = "Shared with every super admin of the account; default false") Boolean shared,
        @Schema(description = "PUT only, required there: the version read") Integer version) {
}
