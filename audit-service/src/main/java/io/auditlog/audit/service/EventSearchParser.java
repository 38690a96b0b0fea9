package io.auditlog.audit.service;

import static io.auditlog.common.problem.ListParameters.values;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.BuiltInView;
import io.auditlog.audit.domain.CategoryDefinition;
import io.auditlog.audit.domain.EventCatalog;
import io.auditlog.audit.domain.EventCursor;
import io.auditlog.audit.domain.EventFilter;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.time.StorableTime;

/**
 * Checks the query parameters of a log search and turns them into an {@link EventSearch}. Every problem is a
 * 400 naming the parameter. List parameters may repeat (category=A&category=B) or hold commas (category=A,B).
 * Characters no parameter may hold (NUL, other control characters, bytes that are not UTF-8) never get here: the
 * platform's ParameterFilter refuses them for every endpoint, before any parameter is read.
 */
@ApplicationScoped
public class EventSearchParser {

    private static final int MAX_TEXT_LENGTH = 200;

    private final AuditConfig config;

    EventSearchParser(AuditConfig config) {
        this.config = config;
    }

    public EventSearch parse(EventSearchParams p, Instant now) {
        return parse(p, now, false);
    }

    /**
     * The query, in the order its sort parameter names, else in {@code oldestFirst}'s (a saved view's sort). The
     * view parameter here names a built-in view only: a saved view is resolved into its filters before
     * (SavedViewService), and its id is checked there.
     */
    public EventSearch parse(EventSearchParams p, Instant now, boolean viewOldestFirst) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean oldestFirst = viewOldestFirst;
        if (p.sort() != null && !p.sort().isBlank()) {
            if (p.sort().equals("oldest") || p.sort().equals("newest")) {
                oldestFirst = p.sort().equals("oldest");
            } else {
                problems.add(new FieldProblem("sort", "must be newest or oldest"));
            }
        }
        BuiltInView view = null;
        if (p.view() != null) {
            view = BuiltInView.byId(p.view()).orElse(null);
            if (view == null) {
                problems.add(new FieldProblem("view", "must be one of "
                        + String.join(", ", Arrays.stream(BuiltInView.values()).map(BuiltInView::id).toList())
                        + ", or the id of a saved view"));
            }
        }
        Instant from = instant("from", p.from(), problems);
        Instant to = instant("to", p.to(), problems);
        if (view != null && from == null && p.from() == null) {
            from = now.minus(config.query().viewPeriod());
        }
        if (from != null && to != null && from.isAfter(to)) {
            problems.add(new FieldProblem("from", "must not be after to"));
        }
        List<String> categories = codes("category", p.category(), Set.copyOf(EventCatalog.categoryCodes()), problems);
        if (view != null && view.category() != null) {
            if (!categories.isEmpty() && !categories.equals(List.of(view.category()))) {
                problems.add(new FieldProblem("category", "view " + view.id() + " shows only " + view.category()));
            }
            categories = List.of(view.category());
        }
        List<String> subcategories = subcategories(p.subcategory(), categories, problems);
        List<String> actions = codes("action", p.action(), Set.copyOf(EventCatalog.actionCodes()), problems);
        List<String> ips = networks(p.ip(), problems);
        List<String> actorTypes = codes("actorType", p.actorType(),
                Arrays.stream(ActorType.values()).map(Enum::name).collect(java.util.stream.Collectors.toSet()), problems);
        EventFilter filter = new EventFilter(from, to, categories, subcategories, actions,
                texts("actor", p.actor(), false, problems), actorTypes, texts("team", p.team(), false, problems),
                texts("objectType", p.objectType(), true, problems), texts("objectId", p.objectId(), false, problems),
                ips, text(p.q(), problems), flag("hasComments", p.hasComments(), problems));
        int limit = limit(p.limit(), problems);
        EventCursor cursor = cursor(p.cursor(), oldestFirst, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new EventSearch(filter, cursor, limit, oldestFirst);
    }

    private static Instant instant(String name, String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant = null;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            // answered below
        }
        if (instant == null) {
            problems.add(new FieldProblem(name, "must be an ISO-8601 timestamp with offset, e.g. 2026-11-20T00:00:00Z"));
            return null;
        }
        if (!StorableTime.isStorable(instant)) {
            problems.add(new FieldProblem(name, StorableTime.RULE));
            return null;
        }
        return instant;
    }

    /** A yes/no parameter: absent is false. */
    private static boolean flag(String name, String value, List<FieldProblem> problems) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        problems.add(new FieldProblem(name, "must be true or false"));
        return false;
    }

    /** A list parameter's values (each already a single line: see the class comment). */
    private static List<String> texts(String name, List<String> raw, boolean commaSeparated,
            List<FieldProblem> problems) {
        return raw == null ? List.of() : values(name, raw, commaSeparated, problems);
    }

    /** The ip filter's addresses and networks in canonical form: what PostgreSQL's inet cast is sure to take. */
    private static List<String> networks(List<String> raw, List<FieldProblem> problems) {
        List<String> values = texts("ip", raw, false, problems);
        List<String> networks = new ArrayList<>(values.size());
        for (String value : values) {
            String network = IpAddresses.canonicalNetwork(value);
            if (network == null) {
                problems.add(new FieldProblem("ip", "\"" + value + "\" is not an IP address or CIDR network "
                        + "(e.g. 203.0.113.7, 2001:db8::1, 203.0.113.0/24; no brackets, zone ids or leading zeros)"));
                return List.of();
            }
            networks.add(network);
        }
        return networks.stream().distinct().toList();
    }

    private static List<String> codes(String name, List<String> raw, Set<String> allowed, List<FieldProblem> problems) {
        List<String> codes = texts(name, raw, true, problems);
        for (String code : codes) {
            if (!allowed.contains(code)) {
                problems.add(new FieldProblem(name, "unknown value \"" + code + "\"; must be one of "
                        + String.join(", ", allowed.stream().sorted().toList())));
                return List.of();
            }
        }
        return codes;
    }

    private static List<String> subcategories(List<String> raw, List<String> categories, List<FieldProblem> problems) {
        List<String> subcategories = texts("subcategory", raw, true, problems);
        if (subcategories.isEmpty()) {
            return subcategories;
        }
        if (categories.isEmpty()) {
            problems.add(new FieldProblem("subcategory", "needs a category"));
            return List.of();
        }
        List<String> allowed = categories.stream().map(EventCatalog::category).flatMap(java.util.Optional::stream)
                .map(CategoryDefinition::subcategoryCodes).flatMap(List::stream).toList();
        for (String subcategory : subcategories) {
            if (!allowed.contains(subcategory)) {
                problems.add(new FieldProblem("subcategory", "unknown value \"" + subcategory + "\" for category "
                        + String.join(", ", categories) + "; must be one of " + String.join(", ", allowed)));
                return List.of();
            }
        }
        return subcategories;
    }

    private static String text(String q, List<FieldProblem> problems) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > MAX_TEXT_LENGTH) {
            problems.add(new FieldProblem("q", "must be at most " + MAX_TEXT_LENGTH + " characters"));
            return null;
        }
        return q.trim();
    }

    private int limit(String raw, List<FieldProblem> problems) {
        try {
            return PageLimits.parse(raw, "limit", config.query().defaultLimit(), config.query().maxLimit());
        } catch (ProblemException e) {
            problems.addAll(e.errors()); // reported with the other parameters' problems
            return config.query().defaultLimit();
        }
    }

    private static EventCursor cursor(String raw, boolean oldestFirst, List<FieldProblem> problems) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return EventCursor.decode(raw, oldestFirst).orElseGet(() -> {
            problems.add(new FieldProblem("cursor", "is not a cursor this service issued for this query's order"));
            return null;
        });
    }
}
