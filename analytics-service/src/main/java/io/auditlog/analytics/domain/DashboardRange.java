package io.auditlog.analytics.domain;

import java.time.LocalDate;
import java.time.ZoneId;

/** The local dates a dashboard covers, {@code from} inclusive and {@code to} exclusive, in a time zone. */
public record DashboardRange(ZoneId zone, LocalDate from, LocalDate to) {

    public Slots slots(Interval interval) {
        return Slots.of(zone, from, to, interval);
    }
}
