package io.auditlog.audit.api;

import java.util.List;

/**
 * A page of the change feed, the position to continue from, and how many events of the feed the page passed: its
 * items, or more when it was asked for some actions only.
 */
public record FeedPageView(List<EventView> items, String next, int scanned) {
}
