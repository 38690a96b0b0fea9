package io.auditlog.analytics.api;

/** The summary's totals over the whole range. */
public record SummaryTotals(Count logins, Count deletions, Count exports, Count reports) {
}
