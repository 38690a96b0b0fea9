package io.auditlog.audit.api;

import java.util.List;

/** A page of the change feed and the position to continue from. */
public record FeedPageView(List<EventView> items, String next) {
}
