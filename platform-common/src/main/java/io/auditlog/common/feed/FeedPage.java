package io.auditlog.common.feed;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A page of a feed (docs/architecture.md: {@code GET <feed>?after=POSITION&limit=N} answers {@code {items, next}}):
 * the records after the position asked for, in the feed's stable order, and the opaque position to continue from
 * (the same one when there was nothing new). A page read with a filter (the change feed's {@code action}) also says
 * how many records it {@code scanned}: it passed that many, of which only {@code items} matched; null when every
 * record passed is an item.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedPage<T>(List<T> items, String next,
        // absent rather than null on an unfiltered page, so every other feed's pages keep the contract's two fields
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer scanned) {

    public FeedPage {
        items = items == null ? List.of() : items;
    }

    public FeedPage(List<T> items, String next) {
        this(items, next, null);
    }

    /** How many records of the feed this page passed: its items, or more when it was read with a filter. */
    public int covered() {
        return scanned == null ? items.size() : Math.max(scanned, items.size());
    }
}
