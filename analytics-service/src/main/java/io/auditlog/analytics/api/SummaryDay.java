package io.auditlog.analytics.api;

import java.time.Instant;
import java.time.LocalDate;

/** One local day of the summary: its UTC bounds ([from, to)) and the four totals. */
public record SummaryDay(LocalDate date, Instant from, Instant to, Count logins, Count deletions, Count exports,
        Count reports) {
}
