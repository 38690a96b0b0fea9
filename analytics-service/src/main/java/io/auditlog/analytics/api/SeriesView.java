package io.auditlog.analytics.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A series: buckets of {@code interval} from {@code from} (inclusive) to {@code to} (exclusive) in {@code tz}, the
 * filters it applied, and the totals of each group over the range (largest first), which a chart's legend needs.
 */
public record SeriesView(String groupBy, String interval, String tz, LocalDate from, LocalDate to,
        Map<String, List<String>> filters, List<SeriesBucket> buckets, List<GroupCount> totals) {
}
