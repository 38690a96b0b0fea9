package io.auditlog.audit.service;

import io.auditlog.audit.domain.EventCursor;
import io.auditlog.audit.domain.EventFilter;

/** A checked log query: what to match, where to continue (null: from the newest) and how many to answer. */
public record EventSearch(EventFilter filter, EventCursor cursor, int limit) {
}
