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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.input.TextInput;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.export.config.ExportConfig;
import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.domain.ExportType;
import io.auditlog.export.api.ExportRequest;

/**
 * The rules of the product pages for a report request, each a 400 naming the field: a known type and format,
 * a real time zone, a period entered in that zone with from before to, within the last 90 days and never
 * before the feature's launch date.
 */
@ApplicationScoped
public class ExportRequestRules {

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    private static final Set<String> VIEWS = Set.of("all-logs", "login-history", "security-activity");
    /** A saved view's id as the audit-service issues it; whether the requester may use it, the audit-service says. */
    private static final java.util.regex.Pattern SAVED_VIEW = java.util.regex.Pattern
            .compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Times are written with four-digit years; beyond them a value is a mistake, not a period. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** A checked request: everything the job needs, the period in UTC. */
    public record Checked(ExportType type, ExportFormat format, Instant from, Instant to, String timeZone,
            Map<String, List<String>> query) {
    }

    private final ExportConfig config;

    ExportRequestRules(ExportConfig config) {
        this.config = config;
    }

    public Checked check(ExportRequest request, Instant now) {
        if (request == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        // Checked before any parsing: trim() would otherwise quietly drop a NUL or a control character at an end.
        TextInput.checkSingleLine("type", request.type(), problems);
        TextInput.checkSingleLine("format", request.format(), problems);
        TextInput.checkSingleLine("timeZone", request.timeZone(), problems);
        TextInput.checkSingleLine("from", request.from(), problems);
        TextInput.checkSingleLine("to", request.to(), problems);
        TextInput.checkSingleLine("viewId", request.viewId(), problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        ExportType type = request.type() == null ? null : ExportType.byId(request.type()).orElse(null);
        if (type == null) {
            problems.add(new FieldProblem("type", "must be one of audit-log, content-log, staff-access"));
        }
        ExportFormat format = format(request.format(), problems);
        ZoneId zone = zone(request.timeZone(), problems);
        Instant to = zone == null ? null : time("to", request.to(), zone, problems);
        Instant launch = config.launchDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        if (to != null && !to.isAfter(launch)) {
            problems.add(new FieldProblem("to", "must be after the feature's launch on " + config.launchDate()));
            to = null;
        }
        to = to == null || to.isAfter(now) ? now : to;
        Instant from = zone == null ? null : time("from", request.from(), zone, problems);
        Instant oldest = now.minus(config.lookback());
        if (from == null && absent(request.from())) {
            from = type == ExportType.STAFF_ACCESS ? oldest : to.minus(DEFAULT_PERIOD);
        }
        if (from != null) {
            checkPeriod(from, to, launch, oldest, problems);
        }
        Map<String, List<String>> query = query(request, type, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new Checked(type, format, from, to, zone.getId(), query);
    }

    private void checkPeriod(Instant from, Instant to, Instant launch, Instant oldest, List<FieldProblem> problems) {
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
        if (absent(format)) {
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
        if (absent(timeZone)) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            problems.add(new FieldProblem("timeZone", "must be an IANA time zone such as Europe/Copenhagen"));
            return null;
        }
    }

    /** A field sent blank is one not sent: forms send "" for a field left empty, and each gets its default. */
    private static boolean absent(String value) {
        return value == null || value.isBlank();
    }

    /** A date (midnight), a local date-time (both in the zone), or an instant with an offset. */
    private static Instant time(String field, String value, ZoneId zone, List<FieldProblem> problems) {
        if (absent(value)) {
            return null;
        }
        String text = value.trim();
        Instant time;
        try {
            if (text.length() == 10) {
                time = LocalDate.parse(text).atStartOfDay(zone).toInstant();
            } else {
                try {
                    time = OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException withoutOffset) {
                    time = LocalDateTime.parse(text).atZone(zone).toInstant();
                }
            }
        } catch (DateTimeException e) {
            problems.add(new FieldProblem(field, "must be a date (2026-11-20), a local date-time (2026-11-20T08:00) "
                    + "or an instant with offset"));
            return null;
        }
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            problems.add(new FieldProblem(field, "must be a time between the years 0001 and 9999"));
            return null;
        }
        return time;
    }

    private static Map<String, List<String>> query(ExportRequest request, ExportType type,
            List<FieldProblem> problems) {
        if (request.filters() != null && type != null && type != ExportType.AUDIT_LOG
                && !request.filters().isEmpty()) {
            problems.add(new FieldProblem("filters", "only audit-log reports take filters"));
        }
        Map<String, List<String>> query = ReportFilters.check(request.filters(), problems);
        if (request.viewId() != null) {
            if (!VIEWS.contains(request.viewId()) && !SAVED_VIEW.matcher(request.viewId()).matches()) {
                problems.add(new FieldProblem("viewId", "must be one of all-logs, login-history, security-activity, "
                        + "or the id of a saved view"));
            } else {
                query.put("view", List.of(request.viewId()));
            }
        }
        return query;
    }
}
