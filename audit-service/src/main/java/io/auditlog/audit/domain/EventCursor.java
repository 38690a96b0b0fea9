package io.auditlog.audit.domain;

import java.time.Instant;
import java.util.Optional;

import io.auditlog.common.paging.CursorCodec;
import io.auditlog.common.paging.PageCursor;

/**
 * A place in the newest-first order of the log: the (occurredAt, seq) of the last event of a page. The next page
 * holds what sorts strictly after it, which stays exact while new events are inserted (keyset paging).
 */
public record EventCursor(Instant occurredAt, long seq) {

    private static final CursorCodec CODEC = CursorCodec.longKeyed("e1");

    public static EventCursor after(StoredEvent last) {
        return new EventCursor(last.occurredAt(), last.seq());
    }

    public String encode() {
        return CODEC.encode(new PageCursor(occurredAt, Long.toString(seq)));
    }

    /** The cursor a string encodes, or empty when it is not one of ours. */
    public static Optional<EventCursor> decode(String encoded) {
        return CODEC.decode(encoded).map(c -> new EventCursor(c.at(), Long.parseLong(c.key())));
    }
}
