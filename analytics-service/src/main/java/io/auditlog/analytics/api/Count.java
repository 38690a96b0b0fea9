package io.auditlog.analytics.api;

/** A number and the audit-log query ({@code /api/v1/events?...}) that lists exactly the events it counts. */
public record Count(long count, String query) {
}
