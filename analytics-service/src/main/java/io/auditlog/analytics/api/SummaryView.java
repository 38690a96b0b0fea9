package io.auditlog.analytics.api;

import java.time.LocalDate;
import java.util.List;

/** The summary: local days from {@code from} (inclusive) to {@code to} (exclusive) in {@code tz}, and the totals. */
public record SummaryView(String tz, LocalDate from, LocalDate to, List<SummaryDay> days, SummaryTotals totals) {
}
