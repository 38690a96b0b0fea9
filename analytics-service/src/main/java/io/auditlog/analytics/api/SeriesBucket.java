package io.auditlog.analytics.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One local day or week of a series: its UTC bounds, its total and log query, and its non-empty groups. */
public record SeriesBucket(LocalDate start, Instant from, Instant to, long count, String query,
        List<GroupCount> groups) {
}
