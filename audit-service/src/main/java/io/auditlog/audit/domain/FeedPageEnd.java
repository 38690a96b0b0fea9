package io.auditlog.audit.domain;

import io.auditlog.common.feed.FeedPosition;

/**
 * Where a page of the change feed ends: the position to continue from (the one asked after when nothing was new)
 * and how many events of the feed the page passed, items or not (a page read with an action filter passes more
 * events than it hands on).
 */
public record FeedPageEnd(FeedPosition next, int passed) {
}
