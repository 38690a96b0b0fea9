package io.auditlog.audit.domain;

import java.time.Instant;
import java.util.Optional;

import io.auditlog.common.paging.CursorCodec;
import io.auditlog.common.paging.PageCursor;

/**
 * A place in the log's order: the (occurredAt, seq) of the last event of a page. The next page holds what sorts
 * strictly after it, which stays exact while new events are inserted (keyset paging). The log reads newest first;
 * a saved view may read oldest first, and its cursors carry a tag of their own, so a cursor of one order is never
 * taken for the other's.
 */
public record EventCursor(Instant occurredAt, long seq, boolean oldestFirst) {

    private static final CursorCodec NEWEST_FIRST = CursorCodec.longKeyed("e1");
    private static final CursorCodec OLDEST_FIRST = CursorCodec.longKeyed("e2");

    /** A place in the newest-first order. */
    public EventCursor(Instant occurredAt, long seq) {
        this(occurredAt, seq, false);
    }

    public static EventCursor after(StoredEvent last) {
        return new EventCursor(last.occurredAt(), last.seq());
    }

    public static EventCursor after(StoredEvent last, boolean oldestFirst) {
        return new EventCursor(last.occurredAt(), last.seq(), oldestFirst);
    }

    public String encode() {
        return (oldestFirst ? OLDEST_FIRST : NEWEST_FIRST).encode(new PageCursor(occurredAt, Long.toString(seq)));
    }

    /** The newest-first cursor a string encodes, or empty when it is not one of ours. */
    public static Optional<EventCursor> decode(String encoded) {
        return decode(encoded, false);
    }

    /** The cursor of the given order a string encodes, or empty when it is not one of that order's. */
    public static Optional<EventCursor> decode(String encoded, boolean oldestFirst) {
        return (oldestFirst ? OLDEST_FIRST : NEWEST_FIRST).decode(encoded)
                .map(c -> new EventCursor(c.at(), Long.parseLong(c.key()), oldestFirst));
    }
}
