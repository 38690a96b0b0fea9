package io.auditlog.common.paging;

import java.time.Instant;

/**
 * Where a page of a newest-first list ends: the sort time of its last row and the key that breaks ties between rows
 * of the same time (keyset paging, exact while rows are inserted). Callers see it only as the opaque string of a
 * {@link CursorCodec}.
 */
public record PageCursor(Instant at, String key) {
}
