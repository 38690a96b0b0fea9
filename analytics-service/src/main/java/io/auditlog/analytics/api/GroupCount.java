package io.auditlog.analytics.api;

/** One group of a series bucket (a category, an action, a login outcome or an object type) and its log query. */
public record GroupCount(String key, long count, String query) {
}
