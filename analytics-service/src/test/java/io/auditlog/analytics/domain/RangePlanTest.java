package io.auditlog.analytics.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hour and quarter buckets a range reads cover each quarter hour of it exactly once, in every kind of zone. */
class RangePlanTest {

    @ParameterizedTest
    @CsvSource({ "UTC,0", "America/New_York,0", "Asia/Kolkata,16", "Asia/Kathmandu,16", "Australia/Adelaide,16",
            "Australia/Lord_Howe,16" })
    void coversTheRangeOnceAndReadsQuartersOnlyWhereADayBoundaryCutsAnHour(String zone, int quarters) {
        Slots slots = Slots.of(ZoneId.of(zone), LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-05"),
                Interval.DAY);
        RangePlan plan = RangePlan.of(slots);

        List<Instant> covered = new ArrayList<>();
        for (Instant hour = plan.hoursFrom(); hour.isBefore(plan.hoursTo()); hour = hour.plusSeconds(3600)) {
            if (!plan.splitHours().contains(hour)) {
                for (int q = 0; q < 4; q++) {
                    covered.add(hour.plusSeconds(q * 900L));
                }
            }
        }
        covered.addAll(plan.quarters());
        Set<Instant> distinct = new HashSet<>(covered);
        assertEquals(covered.size(), distinct.size(), "no quarter hour is read twice");
        long expected = (slots.end().getEpochSecond() - slots.start().getEpochSecond()) / 900;
        assertEquals(expected, covered.size(), "every quarter hour of the range is read");
        assertTrue(covered.stream().allMatch(q -> !q.isBefore(slots.start()) && q.isBefore(slots.end())));
        // Five boundaries (four days) cut an hour each in a half-hour zone: the quarters of the cut hours inside.
        assertEquals(quarters > 0, !plan.quarters().isEmpty());
        assertNull(slots.firstUnalignedBoundary());
    }

    @ParameterizedTest
    @CsvSource({ "America/New_York,2026-11-01,25", "America/New_York,2026-03-08,23", "Australia/Adelaide,2026-10-04,23",
            "Asia/Kolkata,2026-11-01,24" })
    void aLocalDayIsAsLongAsTheClockSays(String zone, String date, int hours) {
        LocalDate day = LocalDate.parse(date);
        Slots slots = Slots.of(ZoneId.of(zone), day, day.plusDays(1), Interval.DAY);
        assertEquals(hours * 3600L, slots.end().getEpochSecond() - slots.start().getEpochSecond());
    }

    @ParameterizedTest
    @CsvSource({ "2026-10-29,2026-11-05,2", "2026-11-02,2026-11-30,4", "2026-11-01,2026-11-02,1" })
    void weeksStartOnMondayAndAreCutByTheRange(String from, String to, int weeks) {
        Slots slots = Slots.of(ZoneId.of("UTC"), LocalDate.parse(from), LocalDate.parse(to), Interval.WEEK);
        assertEquals(weeks, slots.size());
        for (int i = 1; i < slots.size(); i++) {
            assertEquals(java.time.DayOfWeek.MONDAY, slots.dates().get(i).getDayOfWeek());
        }
    }

    @ParameterizedTest
    @CsvSource({ "America/New_York,1880-01-01", "Asia/Kolkata,1900-01-01" })
    void historicOffsetsOffTheQuarterHourAreFound(String zone, String date) {
        LocalDate day = LocalDate.parse(date);
        Slots slots = Slots.of(ZoneId.of(zone), day, day.plusDays(2), Interval.DAY);
        assertTrue(slots.firstUnalignedBoundary() != null);
    }
}
