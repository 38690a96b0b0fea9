package io.auditlog.analytics.rest;

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
import io.auditlog.common.problem.ProblemException;

/**
 * Checks the query parameters of the dashboards and turns them into domain values; every problem is a 400 naming
 * the parameter. Filters repeat or hold commas as in the log (category=A&category=B or category=A,B).
 */
@ApplicationScoped
public class DashboardParams {

    /** The shape of the audit catalog's codes. */
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final int DEFAULT_DAYS = 30;

    private final AnalyticsConfig config;

    DashboardParams(AnalyticsConfig config) {
        this.config = config;
    }

    /**
     * The range: {@code tz} (an IANA zone, default UTC), {@code from} and {@code to} local dates (to exclusive;
     * default the last 30 days including today).
     */
    public DashboardRange range(String tz, String from, String to, List<FieldProblem> problems) {
        ZoneId zone = ZoneId.of("UTC");
        if (tz != null && !tz.isBlank()) {
            try {
                zone = ZoneId.of(tz.trim());
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("tz", "must be an IANA time zone, e.g. Europe/Oslo or Asia/Kolkata"));
            }
        }
        LocalDate toDate = date("to", to, problems);
        LocalDate fromDate = date("from", from, problems);
        if (toDate == null && to == null) {
            toDate = LocalDate.now(zone).plusDays(1);
        }
        if (fromDate == null && from == null && toDate != null) {
            fromDate = toDate.minusDays(DEFAULT_DAYS);
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
        if (fromDate.getYear() < 1970 || toDate.getYear() > 9999) {
            problems.add(new FieldProblem("from", "must be a date from 1970 on"));
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

    public Interval interval(String raw, List<FieldProblem> problems) {
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

    public GroupBy groupBy(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add(new FieldProblem("groupBy", "is required: one of " + GroupBy.ids()));
            return null;
        }
        return GroupBy.byId(raw.trim()).orElseGet(() -> {
            problems.add(new FieldProblem("groupBy", "must be one of " + GroupBy.ids()));
            return null;
        });
    }

    public SeriesFilter filter(GroupBy groupBy, List<String> category, List<String> action, List<String> objectType,
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

    public int limit(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return 10;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= config.maxTop()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + config.maxTop()));
        return 0;
    }

    /** Throws the 400 listing every problem found, if any. */
    public static void check(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    public static List<FieldProblem> problems() {
        return new ArrayList<>();
    }

    private static LocalDate date(String name, String raw, List<FieldProblem> problems) {
        if (raw == null) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(name, "must be a local date, e.g. 2026-11-20"));
            return null;
        }
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
