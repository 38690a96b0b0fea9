package io.auditlog.analytics.rest.api;

/** A number and the audit-log query ({@code /api/v1/events?...}) that lists exactly the events it counts. */
public record Count(long count, String query) {
}
