package io.auditlog.audit.service;

import java.util.List;

/**
 * The query parameters of GET /api/v1/events as sent, before they are checked. {@code sort} (newest or oldest
 * first) orders the search; the export stream, always oldest first, takes none. {@code hasComments=true} keeps the
 * events with at least one comment.
 */
public record EventSearchParams(String view, String from, String to, List<String> category, List<String> subcategory,
        List<String> action, List<String> actor, List<String> actorType, List<String> team, List<String> objectType, List<String> objectId,
        List<String> ip, String q, String limit, String cursor, String sort, String hasComments) {

    /** The parameters without a sort (the log's own order, or the view's) or a comments filter. */
    public EventSearchParams(String view, String from, String to, List<String> category, List<String> subcategory,
            List<String> action, List<String> actor, List<String> actorType, List<String> team,
            List<String> objectType, List<String> objectId, List<String> ip, String q, String limit, String cursor) {
        this(view, from, to, category, subcategory, action, actor, actorType, team, objectType, objectId, ip, q, limit,
                cursor, null, null);
    }
}
