package io.auditlog.notify.feed;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One page of a producer's feed: its items and the position to continue from. */
public record FeedPage(List<JsonNode> items, String next) {
}
