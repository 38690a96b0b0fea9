package io.auditlog.analytics.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which rollup buckets answer a range cut into slots: hour buckets for every UTC hour that lies whole inside one
 * slot, quarter buckets for the hours that a slot boundary cuts (only zones with a half- or quarter-hour offset
 * have those, a handful per range). Read together they cover [start, end) exactly once.
 */
public record RangePlan(Instant start, Instant end, Instant hoursFrom, Instant hoursTo, List<Instant> splitHours,
        List<Instant> quarters) {

    public static RangePlan of(Slots slots) {
        Instant start = slots.start();
        Instant end = slots.end();
        long hour = Resolution.HOUR.seconds();
        TreeSet<Instant> split = new TreeSet<>();
        List<Instant> boundaries = new ArrayList<>(slots.starts());
        boundaries.add(end);
        for (Instant boundary : boundaries) {
            if (!Resolution.HOUR.isBoundary(boundary)) {
                split.add(Resolution.HOUR.bucketOf(boundary));
            }
        }
        Instant hoursFrom = Resolution.HOUR.isBoundary(start) ? start : Resolution.HOUR.bucketOf(start).plusSeconds(hour);
        Instant hoursTo = Resolution.HOUR.bucketOf(end);
        List<Instant> quarters = new ArrayList<>();
        for (Instant splitHour : split) {
            for (int q = 0; q < 4; q++) {
                Instant quarter = splitHour.plusSeconds(q * Resolution.QUARTER.seconds());
                if (!quarter.isBefore(start) && quarter.isBefore(end)) {
                    quarters.add(quarter);
                }
            }
        }
        return new RangePlan(start, end, hoursFrom, hoursTo, List.copyOf(split), List.copyOf(quarters));
    }
}
