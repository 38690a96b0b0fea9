package io.auditlog.analytics.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** The length of a series bucket in local time: a day, or an ISO week (Monday to Sunday). */
public enum Interval {
    DAY, WEEK;

    /** The first local date of the bucket after the one starting on {@code start}. */
    public LocalDate next(LocalDate start) {
        return this == DAY ? start.plusDays(1) : start.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }
}
