package io.auditlog.analytics.api;

/** What a rebuild cleared: the rollup rows and the events they had counted; the feed is replayed from the start. */
public record RebuildResult(long rollupRowsCleared, long eventsCleared) {
}
