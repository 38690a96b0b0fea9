package io.auditlog.analytics.service;

import static io.auditlog.common.problem.ListParameters.values;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.analytics.config.AnalyticsConfig;
import io.auditlog.analytics.domain.DashboardRange;
import io.auditlog.analytics.domain.GroupBy;
import io.auditlog.analytics.domain.Interval;
import io.auditlog.analytics.domain.SeriesFilter;
import io.auditlog.analytics.domain.Slots;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;

/**
 * Reads the dashboards' raw query parameters into domain values; every problem is a 400 naming the parameter, and
 * one answer lists every problem found. Filters repeat or hold commas as in the log (category=A&category=B or
 * category=A,B). NUL, control characters and malformed UTF-8 never reach here: the platform's ParameterFilter
 * refuses them for every parameter of every endpoint (BadInputTest has a row per parameter).
 */
@ApplicationScoped
class DashboardParameters {

    /** The shape of the audit catalog's codes. */
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final int DEFAULT_DAYS = 30;
    private static final int DEFAULT_TOP = 10;
    /**
     * The dates a range may use. The rollups start with the events (no event predates 1970), and outside these
     * bounds date arithmetic itself fails (LocalDate.MIN minus 30 days), which must be a 400, not a 500.
     */
    static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private final AnalyticsConfig config;

    DashboardParameters(AnalyticsConfig config) {
        this.config = config;
    }

    /**
     * The range: {@code tz} (an IANA zone, default UTC), {@code from} and {@code to} local dates (to exclusive;
     * default the last 30 days including today).
     */
    DashboardRange range(String tz, String from, String to, List<FieldProblem> problems) {
        ZoneId zone = zone(tz, problems);
        LocalDate fromDate = date("from", from, problems);
        LocalDate toDate = date("to", to, problems);
        if (zone == null) {
            return null;
        }
        if (toDate == null && to == null) {
            toDate = LocalDate.now(zone).plusDays(1);
        }
        if (fromDate == null && from == null && toDate != null) {
            fromDate = toDate.minusDays(DEFAULT_DAYS);
            if (fromDate.isBefore(EARLIEST)) {
                problems.add(new FieldProblem("to", "the default range (30 days before to) must start on or after "
                        + EARLIEST + "; give from"));
                return null;
            }
        }
        if (fromDate == null || toDate == null) {
            return null;
        }
        if (!fromDate.isBefore(toDate)) {
            problems.add(new FieldProblem("from", "must be before to (to is exclusive)"));
            return null;
        }
        if (ChronoUnit.DAYS.between(fromDate, toDate) > config.maxRangeDays()) {
            problems.add(new FieldProblem("to", "the range may cover at most " + config.maxRangeDays() + " days"));
            return null;
        }
        DashboardRange range = new DashboardRange(zone, fromDate, toDate);
        Instant odd = Slots.of(zone, fromDate, toDate, Interval.DAY).firstUnalignedBoundary();
        if (odd != null) {
            problems.add(new FieldProblem("tz", zone.getId() + " has a day starting at " + odd
                    + " in this range, not on a quarter hour of UTC, which the rollups cannot split"));
            return null;
        }
        return range;
    }

    /** {@code tz}: an IANA zone (or a fixed offset), default UTC; null (and a problem) when it is not one. */
    private static ZoneId zone(String tz, List<FieldProblem> problems) {
        if (tz == null || tz.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(tz.trim());
        } catch (DateTimeException e) {
            problems.add(new FieldProblem("tz", "must be an IANA time zone, e.g. Europe/Oslo or Asia/Kolkata"));
            return null;
        }
    }

    Interval interval(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return Interval.DAY;
        }
        return switch (raw.trim()) {
            case "day" -> Interval.DAY;
            case "week" -> Interval.WEEK;
            default -> {
                problems.add(new FieldProblem("interval", "must be day or week"));
                yield null;
            }
        };
    }

    GroupBy groupBy(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add(new FieldProblem("groupBy", "is required: one of " + GroupBy.ids()));
            return null;
        }
        return GroupBy.byId(raw.trim()).orElseGet(() -> {
            problems.add(new FieldProblem("groupBy", "must be one of " + GroupBy.ids()));
            return null;
        });
    }

    SeriesFilter filter(GroupBy groupBy, List<String> category, List<String> action, List<String> objectType,
            List<String> actor, List<FieldProblem> problems) {
        List<String> categories = codes("category", category, problems);
        if (groupBy == GroupBy.LOGIN_OUTCOME && !categories.isEmpty() && !categories.equals(List.of("LOGIN"))) {
            problems.add(new FieldProblem("category", "the login-outcome series counts LOGIN events only"));
        }
        List<String> actions = codes("action", action, problems);
        List<String> objectTypes = values("objectType", objectType, true, problems);
        List<String> actors = values("actor", actor, false, problems);
        if (actors.size() > 1) {
            problems.add(new FieldProblem("actor", "one actor at a time"));
        }
        return new SeriesFilter(categories, actions, objectTypes, actors.isEmpty() ? null : actors.get(0));
    }

    /** A top list's {@code limit}, read as every list of the platform reads its page size. */
    int limit(String raw, List<FieldProblem> problems) {
        try {
            return PageLimits.parse(raw, "limit", DEFAULT_TOP, config.maxTop());
        } catch (ProblemException e) {
            problems.addAll(e.errors());
            return 0;
        }
    }

    /** Throws the 400 listing every problem found, if any. */
    static void check(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    static List<FieldProblem> problems() {
        return new ArrayList<>();
    }

    private static LocalDate date(String name, String raw, List<FieldProblem> problems) {
        if (raw == null) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(name, "must be a local date, e.g. 2026-11-20"));
            return null;
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            problems.add(new FieldProblem(name, "must be a date from " + EARLIEST + " to " + LATEST));
            return null;
        }
        return date;
    }

    private static List<String> codes(String name, List<String> raw, List<FieldProblem> problems) {
        List<String> codes = values(name, raw, true, problems);
        for (String code : codes) {
            if (!CODE.matcher(code).matches()) {
                problems.add(new FieldProblem(name, "\"" + code + "\" is not a catalog code (e.g. LOGIN, DELETE)"));
                return List.of();
            }
        }
        return codes;
    }
}
