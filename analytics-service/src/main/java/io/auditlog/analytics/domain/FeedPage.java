package io.auditlog.analytics.domain;

import java.util.List;

/** One page of the audit change feed: its events, read after {@code after}, and the position to continue from. */
public record FeedPage(String after, List<FeedEvent> events, String next) {
}
