package io.auditlog.audit.api;

import java.util.List;

/** A page of a list: the items and the cursor of the next page, null on the last. */
public record EventPageView(List<EventView> items, String nextCursor) {
}
