package io.auditlog.notify.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.auditlog.common.paging.CursorCodec;
import io.auditlog.common.paging.PageCursor;

/** Where a page of the in-app list ends: the last notification's creation time and id, as an opaque string. */
public record InboxCursor(Instant createdAt, UUID id) {

    private static final CursorCodec CODEC = CursorCodec.uuidKeyed("n1");

    public String encode() {
        return CODEC.encode(new PageCursor(createdAt, id.toString()));
    }

    /**
     * The cursor a page of the list issued, or empty. Notifications are created by the database's clock, never before
     * 1970, so a cursor of an earlier time (which the shared codec would take: it allows years 1 to 9999) was not
     * issued by this list.
     */
    public static Optional<InboxCursor> decode(String cursor) {
        return CODEC.decode(cursor).filter(c -> !c.at().isBefore(Instant.EPOCH))
                .map(c -> new InboxCursor(c.at(), UUID.fromString(c.key())));
    }
}
