package io.auditlog.analytics.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The local days (or weeks) of a range in a time zone, as UTC instants: slot i is [starts[i], starts[i+1]) and the
 * last ends at {@code end}. A local day is 23, 24 or 25 hours long across a DST change; the first and last week
 * may be cut short by the range.
 */
public record Slots(ZoneId zone, List<LocalDate> dates, List<Instant> starts, Instant end) {

    public static Slots of(ZoneId zone, LocalDate from, LocalDate to, Interval interval) {
        List<LocalDate> dates = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        for (LocalDate date = from; date.isBefore(to); date = interval.next(date)) {
            dates.add(date);
            starts.add(date.atStartOfDay(zone).toInstant());
        }
        return new Slots(zone, List.copyOf(dates), List.copyOf(starts), to.atStartOfDay(zone).toInstant());
    }

    public Instant start() {
        return starts.get(0);
    }

    public Instant startOf(int slot) {
        return starts.get(slot);
    }

    public Instant endOf(int slot) {
        return slot + 1 < starts.size() ? starts.get(slot + 1) : end;
    }

    public int size() {
        return starts.size();
    }

    /** The first slot boundary that does not fall on a 15-minute UTC boundary, if any (historical odd offsets). */
    public Instant firstUnalignedBoundary() {
        for (Instant start : starts) {
            if (!Resolution.QUARTER.isBoundary(start)) {
                return start;
            }
        }
        return Resolution.QUARTER.isBoundary(end) ? null : end;
    }
}
