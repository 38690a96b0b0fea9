package io.auditlog.audit.service;

import io.auditlog.audit.domain.EventCursor;
import io.auditlog.audit.domain.EventFilter;

/**
 * A checked log query: what to match, where to continue (null: from the first), how many to answer, and the order
 * (newest first, unless a saved view asks for oldest first).
 */
public record EventSearch(EventFilter filter, EventCursor cursor, int limit, boolean oldestFirst) {

    public EventSearch(EventFilter filter, EventCursor cursor, int limit) {
        this(filter, cursor, limit, false);
    }
}
