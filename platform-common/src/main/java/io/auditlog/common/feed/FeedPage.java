package io.auditlog.common.feed;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A page of a feed (docs/architecture.md: {@code GET <feed>?after=POSITION&limit=N} answers {@code {items, next}}):
 * the records after the position asked for, in the feed's stable order, and the opaque position to continue from
 * (the same one when there was nothing new).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedPage<T>(List<T> items, String next) {

    public FeedPage {
        items = items == null ? List.of() : items;
    }
}
