package io.auditlog.export.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.auditlog.common.paging.CursorCodec;
import io.auditlog.common.paging.PageCursor;

/**
 * Where a page of an account's reports ends, newest first: the last job's creation time and id. Jobs created in the
 * same microsecond are told apart by their id (keyset paging on (created_at, id)), so none is lost or shown twice.
 */
public record ExportCursor(Instant createdAt, UUID id) {

    private static final CursorCodec CODEC = CursorCodec.uuidKeyed("x1");

    public static ExportCursor after(ExportJob last) {
        return new ExportCursor(last.createdAt(), last.id());
    }

    public String encode() {
        return CODEC.encode(new PageCursor(createdAt, id.toString()));
    }

    /** The cursor of the {@code cursor} parameter, empty when absent, or a 400 naming it when not one of ours. */
    public static Optional<ExportCursor> parameter(String raw) {
        return CODEC.parameter("cursor", raw).map(c -> new ExportCursor(c.at(), UUID.fromString(c.key())));
    }
}
