package io.auditlog.audit.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.auditlog.audit.domain.LogRead;

/**
 * The reads this replica itself recorded, until their coalescing window ends, so that a person repeating a read
 * (the same search again, a dashboard's refresh) costs no statement: asking the database whether a read is
 * recorded cost the first page more than its budget on two cores (docs/decisions.md, "Who looked at the log").
 * Only a record this replica saw commit is remembered, and only until the window counted from before its
 * statement, so a read is never skipped without a record in the database. Bounded: the least recently used go
 * first, and a forgotten read only means the database is asked again.
 */
final class RecentReads {

    private record Key(String accountId, String personId, String kind, String coalesceKey) {
    }

    private final int capacity;
    private final LinkedHashMap<Key, Instant> until;

    RecentReads(int capacity) {
        this.capacity = capacity;
        this.until = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Instant> eldest) {
                return size() > RecentReads.this.capacity;
            }
        };
    }

    /** Whether this replica recorded the same read and its window has not ended at {@code now}. */
    synchronized boolean covers(LogRead read, Instant now) {
        Instant end = until.get(key(read));
        return end != null && now.isBefore(end);
    }

    /** Remembers a read whose record committed, until {@code end}. */
    synchronized void remember(LogRead read, Instant end) {
        if (capacity > 0) {
            until.put(key(read), end);
        }
    }

    synchronized void forgetAll() {
        until.clear();
    }

    private static Key key(LogRead read) {
        return new Key(read.accountId(), read.personId(), read.kind(), read.coalesceKey());
    }
}
