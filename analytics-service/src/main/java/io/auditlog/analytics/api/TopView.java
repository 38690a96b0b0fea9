package io.auditlog.analytics.api;

import java.time.LocalDate;
import java.util.List;

/** The top actors or objects of a range, most events first. */
public record TopView(String dimension, String tz, LocalDate from, LocalDate to, List<TopEntry> items) {
}
