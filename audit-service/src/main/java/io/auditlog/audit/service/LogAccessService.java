package io.auditlog.audit.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.LogRead;
import io.auditlog.audit.domain.LogReader;
import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.audit.repository.LogAccessRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.input.TextInput;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ListParameters;
import io.auditlog.common.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Records who looked at the log: a person's search ({@code EVENTS/SEARCHED}) and entry opened
 * ({@code EVENTS/VIEWED}) become AUDIT_LOG events of their own, coalesced per person and read within
 * {@code audit.log-access.window} (docs/architecture.md, "Who looked at the log"). Strict: the record is written
 * before the answer goes out, and a record that cannot be written fails the read (house style: an audit write
 * commits or the caller gets an error). Callers run it beside the read on another pooled connection, so it adds
 * little to the answer's time.
 */
@ApplicationScoped
public class LogAccessService {

    public static final String EVENTS = "EVENTS";
    public static final String SEARCHED = "SEARCHED";
    public static final String VIEWED = "VIEWED";
    public static final String EXPORTED = "EXPORTED";
    private static final java.util.regex.Pattern SECTION = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final java.util.regex.Pattern FILTER_NAME = java.util.regex.Pattern.compile("[A-Za-z]{1,40}");
    private static final int MAX_FILTERS = 20;

    private final LogAccessRepository access;
    private final AuditConfig.LogAccess config;
    private final DatabaseCalls calls;
    private final ObjectMapper json;
    private final Counter written;
    private final Counter coalesced;
    private final RecentReads recent;
    private final FeedRinger ringer;

    LogAccessService(LogAccessRepository access, AuditConfig config, DatabaseCalls calls, ObjectMapper json,
            MeterRegistry metrics, FeedRinger ringer) {
        this.access = access;
        this.ringer = ringer;
        this.config = config.logAccess();
        this.calls = calls;
        this.json = json;
        this.written = metrics.counter("audit.log.access", "outcome", "recorded");
        this.coalesced = metrics.counter("audit.log.access", "outcome", "coalesced");
        this.recent = new RecentReads(this.config.remember());
    }

    /**
     * Records the read (or finds it recorded within the window); answers the AUDIT_LOG event's id when one was
     * written, else null. Nothing is written for a null reader (not a person) or with recording off.
     */
    public Uni<String> record(LogRead read) {
        return record(read, newEventId());
    }

    /** As {@link #record(LogRead)}, the event (if one is written) with the id given. */
    public Uni<String> record(LogRead read, String eventId) {
        if (read == null || !config.enabled()) {
            return Uni.createFrom().nullItem();
        }
        // The database counts the window from its now() at the statement, which is after this instant.
        Instant asked = Instant.now();
        if (recent.covers(read, asked)) {
            coalesced.increment();
            return Uni.createFrom().nullItem();
        }
        return calls.bounded(access.record(read, eventId, config.window())).invoke(id -> {
            if (id == null) {
                coalesced.increment();
            } else {
                written.increment();
                recent.remember(read, asked.plus(config.window()));
                ringer.ringSoon();
            }
        });
    }

    /** Forgets what this replica remembers of recent reads: the database decides each next read again. */
    public void forgetRecentReads() {
        recent.forgetAll();
    }

    /**
     * A search by the reader: its filters as sent (every parameter but the page size and the cursor) are the
     * event's metadata and, in a canonical form, what makes two searches the same. The next pages of a search
     * ({@code cursor} given) coalesce into its first page's record and start none of their own.
     */
    public LogRead searched(LogReader reader, EventSearchParams params) {
        if (reader == null || !config.enabled()) {
            return null;
        }
        Map<String, Object> filters = filters(params);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("filters", filters);
        EventObject object = params.view() == null || params.view().isEmpty() ? null
                : new EventObject("VIEW", params.view(), null, null, null);
        return new LogRead(reader.accountId(), reader.personId(), reader.name(), reader.email(), reader.ip(),
                reader.userAgent(), EVENTS, SEARCHED, object, write(details), canonical(filters),
                params.cursor() == null || params.cursor().isEmpty());
    }

    /**
     * An export streamed to the reader (GET /api/v1/events/export with a person's token): the filters, the format
     * and the layout. Reports asked of the export-service are not this: its client streams them, and it records
     * each request itself as an EXPORT action (docs/decisions.md, "Who looked at the log").
     */
    public LogRead exported(LogReader reader, EventSearchParams params, String format, String layout) {
        if (reader == null || !config.enabled()) {
            return null;
        }
        Map<String, Object> filters = filters(params);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("filters", filters);
        details.put("format", format);
        details.put("layout", layout);
        Map<String, Object> key = new LinkedHashMap<>(filters);
        key.put("format", format);
        key.put("layout", layout);
        EventObject object = params.view() == null || params.view().isEmpty() ? null
                : new EventObject("VIEW", params.view(), null, null, null);
        return new LogRead(reader.accountId(), reader.personId(), reader.name(), reader.email(), reader.ip(),
                reader.userAgent(), EVENTS, EXPORTED, object, write(details), canonical(key), true);
    }

    /**
     * A dashboard section viewed by the reader, as the analytics-service reports it: its name and parameters are
     * checked here (400 naming the field), since they come from a request body.
     */
    public Uni<String> analyticsViewed(LogReader reader, String section, Map<String, Object> filters) {
        List<FieldProblem> problems = new ArrayList<>();
        if (section == null || !SECTION.matcher(section).matches()) {
            problems.add(new FieldProblem("section", "must be 1 to 40 lower-case letters, digits or -, "
                    + "starting with a letter"));
        }
        Map<String, Object> checked = new TreeMap<>();
        if (filters != null) {
            if (filters.size() > MAX_FILTERS) {
                problems.add(new FieldProblem("filters", "at most " + MAX_FILTERS + " parameters"));
            } else {
                filters.forEach((name, value) -> checkFilter(name, value, checked, problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(400, "Invalid analytics view", "The view was not recorded", problems);
        }
        if (reader == null || !config.enabled()) {
            return Uni.createFrom().nullItem();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("section", section);
        details.put("filters", checked);
        LogRead read = new LogRead(reader.accountId(), reader.personId(), reader.name(), reader.email(),
                reader.ip(), reader.userAgent(), "ANALYTICS", VIEWED,
                new EventObject("ANALYTICS_SECTION", section, null, null, null), write(details),
                section + '\n' + canonical(checked), true);
        return record(read);
    }

    private static void checkFilter(String name, Object value, Map<String, Object> checked,
            List<FieldProblem> problems) {
        if (name == null || !FILTER_NAME.matcher(name).matches()) {
            problems.add(new FieldProblem("filters", "parameter names are 1 to 40 letters"));
            return;
        }
        String field = "filters." + name;
        if (value instanceof String text) {
            if (textProblem(text) != null) {
                problems.add(new FieldProblem(field, textProblem(text)));
            } else {
                checked.put(name, text);
            }
        } else if (value instanceof List<?> list && list.size() <= ListParameters.MAX_VALUES
                && list.stream().allMatch(v -> v instanceof String text && textProblem(text) == null)) {
            checked.put(name, list.stream().map(String.class::cast).toList());
        } else {
            problems.add(new FieldProblem(field, "must be a string or an array of at most "
                    + ListParameters.MAX_VALUES + " strings of one line, at most "
                    + ListParameters.MAX_VALUE_LENGTH + " characters each"));
        }
    }

    private static String textProblem(String text) {
        if (text.length() > ListParameters.MAX_VALUE_LENGTH) {
            return "at most " + ListParameters.MAX_VALUE_LENGTH + " characters";
        }
        return TextInput.singleLineProblem(text);
    }

    /** An entry opened by the reader: the entry is the event's object. */
    public LogRead viewed(LogReader reader, StoredEvent entry) {
        if (reader == null || !config.enabled()) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("eventId", entry.id());
        details.put("category", entry.category());
        details.put("action", entry.action());
        return new LogRead(reader.accountId(), reader.personId(), reader.name(), reader.email(), reader.ip(),
                reader.userAgent(), EVENTS, VIEWED, new EventObject("AUDIT_EVENT", entry.id(),
                        entry.category() + " " + entry.action(), null, null), write(details), entry.id(), true);
    }

    /** A new id for the AUDIT_LOG event of a read. */
    public String newEventId() {
        return "log-access-" + UUID.randomUUID();
    }

    /** Forgets coalescing rows older than audit.log-access.keep (never less than the window). */
    public Uni<Integer> purge() {
        java.time.Duration keep = config.keep().compareTo(config.window()) < 0 ? config.window() : config.keep();
        return calls.bounded(access.purge(keep));
    }

    /** The search's parameters as sent, without the page size and cursor; empty ones left out. */
    static Map<String, Object> filters(EventSearchParams p) {
        Map<String, Object> filters = new LinkedHashMap<>();
        text(filters, "view", p.view());
        text(filters, "from", p.from());
        text(filters, "to", p.to());
        list(filters, "category", p.category());
        list(filters, "subcategory", p.subcategory());
        list(filters, "action", p.action());
        list(filters, "actor", p.actor());
        list(filters, "actorType", p.actorType());
        list(filters, "team", p.team());
        list(filters, "objectType", p.objectType());
        list(filters, "objectId", p.objectId());
        list(filters, "ip", p.ip());
        text(filters, "q", p.q());
        text(filters, "hasComments", p.hasComments());
        text(filters, "sort", p.sort());
        return filters;
    }

    /** The same search whatever the order of parameters and of list values: sorted keys and values. */
    private String canonical(Map<String, Object> filters) {
        Map<String, Object> sorted = new TreeMap<>();
        filters.forEach((name, value) -> {
            if (value instanceof List<?> values) {
                List<String> copy = new ArrayList<>();
                values.forEach(v -> copy.add((String) v));
                copy.sort(null);
                sorted.put(name, copy);
            } else {
                sorted.put(name, value);
            }
        });
        return write(sorted);
    }

    private static void text(Map<String, Object> filters, String name, String value) {
        if (value != null && !value.isEmpty()) {
            filters.put(name, value);
        }
    }

    private static void list(Map<String, Object> filters, String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            filters.put(name, List.copyOf(values));
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Maps of strings always serialise", e);
        }
    }
}
