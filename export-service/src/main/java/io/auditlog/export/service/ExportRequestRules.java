package io.auditlog.export.service;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.export.config.ExportConfig;
import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.domain.ExportType;

/**
 * The rules of the product pages for a report request, each a 400 naming the field: a known type and format,
 * a real time zone, a period entered in that zone with from before to, within the last 90 days and never
 * before the feature's launch date.
 */
@ApplicationScoped
public class ExportRequestRules {

    /** The audit log's query parameters a report may filter by. */
    static final Set<String> FILTERS = Set.of("category", "subcategory", "action", "actor", "actorType", "team",
            "objectType", "objectId", "ip", "q");
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    /** A checked request: everything the job needs, the period in UTC. */
    public record Checked(ExportType type, ExportFormat format, Instant from, Instant to, String timeZone,
            Map<String, List<String>> query) {
    }

    private final ExportConfig config;

    ExportRequestRules(ExportConfig config) {
        this.config = config;
    }

    public Checked check(io.auditlog.export.rest.api.ExportRequest request, Instant now) {
        if (request == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        ExportType type = request.type() == null ? null : ExportType.byId(request.type()).orElse(null);
        if (type == null) {
            problems.add(new FieldProblem("type", "must be one of audit-log, content-log, staff-access"));
        }
        ExportFormat format = format(request.format(), problems);
        ZoneId zone = zone(request.timeZone(), problems);
        Instant to = zone == null ? null : time("to", request.to(), zone, problems);
        to = to == null || to.isAfter(now) ? now : to;
        Instant from = zone == null ? null : time("from", request.from(), zone, problems);
        Instant oldest = now.minus(config.lookback());
        if (from == null && request.from() == null) {
            from = type == ExportType.STAFF_ACCESS ? oldest : to.minus(DEFAULT_PERIOD);
        }
        if (from != null) {
            checkPeriod(from, to, oldest, problems);
        }
        Map<String, List<String>> query = query(request, type, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new Checked(type, format, from, to, zone.getId(), query);
    }

    private void checkPeriod(Instant from, Instant to, Instant oldest, List<FieldProblem> problems) {
        Instant launch = config.launchDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!from.isBefore(to)) {
            problems.add(new FieldProblem("from", "must be before to"));
        } else if (from.isBefore(launch)) {
            problems.add(new FieldProblem("from", "must not be before the feature's launch on " + config.launchDate()));
        } else if (from.isBefore(oldest.truncatedTo(ChronoUnit.MINUTES))) {
            problems.add(new FieldProblem("from", "reports cover only the last " + config.lookback().toDays()
                    + " days (from " + oldest.truncatedTo(ChronoUnit.SECONDS) + ")"));
        }
    }

    private static ExportFormat format(String format, List<FieldProblem> problems) {
        if (format == null || format.isBlank()) {
            return ExportFormat.CSV;
        }
        try {
            return ExportFormat.valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("format", "must be csv or ndjson"));
            return null;
        }
    }

    private static ZoneId zone(String timeZone, List<FieldProblem> problems) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            problems.add(new FieldProblem("timeZone", "must be an IANA time zone such as Europe/Copenhagen"));
            return null;
        }
    }

    /** A date (midnight), a local date-time (both in the zone), or an instant with an offset. */
    private static Instant time(String field, String value, ZoneId zone, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException withoutOffset) {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            }
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be a date (2026-11-20), a local date-time (2026-11-20T08:00) "
                    + "or an instant with offset"));
            return null;
        }
    }

    private static Map<String, List<String>> query(io.auditlog.export.rest.api.ExportRequest request, ExportType type,
            List<FieldProblem> problems) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (request.filters() != null) {
            if (type != null && type != ExportType.AUDIT_LOG && !request.filters().isEmpty()) {
                problems.add(new FieldProblem("filters", "only audit-log reports take filters"));
            }
            request.filters().forEach((name, value) -> {
                if (!FILTERS.contains(name)) {
                    problems.add(new FieldProblem("filters." + name, "unknown filter; one of " + String.join(", ",
                            FILTERS.stream().sorted().toList())));
                } else if (value instanceof String text) {
                    query.put(name, List.of(text));
                } else if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                    query.put(name, list.stream().map(String.class::cast).toList());
                } else {
                    problems.add(new FieldProblem("filters." + name, "must be a string or an array of strings"));
                }
            });
        }
        if (request.viewId() != null) {
            if (!Set.of("all-logs", "login-history", "security-activity").contains(request.viewId())) {
                problems.add(new FieldProblem("viewId", "must be one of all-logs, login-history, security-activity"));
            } else {
                query.put("view", List.of(request.viewId()));
            }
        }
        return query;
    }
}
