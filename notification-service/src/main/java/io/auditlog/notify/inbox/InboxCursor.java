package io.auditlog.notify.inbox;

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

    public static Optional<InboxCursor> decode(String cursor) {
        return CODEC.decode(cursor).map(c -> new InboxCursor(c.at(), UUID.fromString(c.key())));
    }
}
