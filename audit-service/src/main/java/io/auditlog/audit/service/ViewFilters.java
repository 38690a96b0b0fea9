package io.auditlog.audit.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.common.input.TextInput;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;

/**
 * A saved view's filters: exactly the log search's filter parameters, as a JSON object (a list parameter an array
 * of strings, {@code from}, {@code to} and {@code q} strings), checked by the search's own rules
 * ({@link EventSearchParser}) so that a view saves only what the log would take, each problem named
 * {@code filters.<parameter>}. Paging ({@code limit}, {@code cursor}) is not a filter, and a view does not name
 * another view.
 */
final class ViewFilters {

    static final List<String> LIST_PARAMETERS = List.of("category", "subcategory", "action", "actor", "actorType",
            "team", "objectType", "objectId", "ip");
    static final List<String> SINGLE_PARAMETERS = List.of("from", "to", "q");
    /** The list parameters the log splits at commas (codes); the others are taken whole (names, ids, networks). */
    private static final Set<String> COMMA_SEPARATED = Set.of("category", "subcategory", "action", "actorType",
            "objectType");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final String KNOWN = String.join(", ", all());

    private ViewFilters() {
    }

    /** The filters as a map in the parameters' order (list values as lists); 400 naming each bad one. */
    static Map<String, Object> check(JsonNode filters, EventSearchParser parser, Instant now) {
        Map<String, Object> checked = new LinkedHashMap<>();
        if (filters == null || filters.isNull()) {
            return checked;
        }
        if (!filters.isObject()) {
            throw ProblemException.badRequest("filters", "must be an object of log query parameters (" + KNOWN + ")");
        }
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, JsonNode> sent = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = filters.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (!all().contains(key)) {
                problems.add(PLAIN_KEY.matcher(key).matches()
                        ? new FieldProblem("filters." + key, "is not a filter of the log; filters are " + KNOWN)
                        : new FieldProblem("filters", "holds a key that is not a filter of the log; filters are "
                                + KNOWN));
            } else {
                sent.put(key, field.getValue());
            }
        }
        for (String name : all()) {
            JsonNode value = sent.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            String field = "filters." + name;
            if (LIST_PARAMETERS.contains(name)) {
                if (!value.isArray()) {
                    problems.add(new FieldProblem(field, "must be an array of strings"));
                    continue;
                }
                List<String> values = new ArrayList<>();
                for (JsonNode item : value) {
                    String problem = item.isTextual() ? TextInput.singleLineProblem(item.textValue())
                            : "must hold strings only";
                    if (problem != null) {
                        problems.add(new FieldProblem(field, problem));
                        values = null;
                        break;
                    }
                    values.add(item.textValue());
                }
                if (values != null && !values.isEmpty()) {
                    checked.put(name, List.copyOf(values));
                }
            } else {
                String problem = value.isTextual() ? TextInput.singleLineProblem(value.textValue())
                        : "must be a string";
                if (problem != null) {
                    problems.add(new FieldProblem(field, problem));
                } else if (!value.textValue().isBlank()) {
                    checked.put(name, value.textValue());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        try {
            parser.parse(params(checked, null, null), now);
        } catch (ProblemException e) {
            throw ProblemException.invalid(e.errors().stream()
                    .map(p -> new FieldProblem("filters." + p.field(), p.reason())).toList());
        }
        return checked;
    }

    /** A view's stored filters as query parameters, with the request's paging. */
    @SuppressWarnings("unchecked")
    static EventSearchParams params(Map<String, Object> filters, String limit, String cursor) {
        Function<String, List<String>> list = name -> (List<String>) filters.get(name);
        return new EventSearchParams(null, (String) filters.get("from"), (String) filters.get("to"),
                list.apply("category"), list.apply("subcategory"), list.apply("action"), list.apply("actor"),
                list.apply("actorType"), list.apply("team"), list.apply("objectType"), list.apply("objectId"),
                list.apply("ip"), (String) filters.get("q"), limit, cursor);
    }

    /**
     * The search a request makes through a saved view: the view's filters, narrowed by the request's own, as a
     * built-in view is. A list parameter both give must pick among the view's values; the period is where both
     * periods overlap; a text search of the request must be the view's, if it has one. Anything else would widen
     * the view, so it is a 400 naming the parameter and the view.
     */
    static EventSearchParams narrow(String viewName, Map<String, Object> filters, EventSearchParams request) {
        List<FieldProblem> problems = new ArrayList<>();
        EventSearchParams view = params(filters, request.limit(), request.cursor());
        Function<String, List<String>> pick = name -> narrowList(viewName, name, listOf(view, name),
                listOf(request, name), problems);
        String q = view.q();
        if (request.q() != null && !request.q().isBlank()) {
            if (q != null && !q.trim().equals(request.q().trim())) {
                problems.add(new FieldProblem("q", "view \"" + viewName + "\" already searches for \"" + q.trim()
                        + "\""));
            }
            q = request.q();
        }
        EventSearchParams narrowed = new EventSearchParams(null, later(view.from(), request.from()),
                earlier(view.to(), request.to()), pick.apply("category"), pick.apply("subcategory"),
                pick.apply("action"), pick.apply("actor"), pick.apply("actorType"), pick.apply("team"),
                pick.apply("objectType"), pick.apply("objectId"), pick.apply("ip"), q, request.limit(),
                request.cursor(), request.sort(), request.hasComments());
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return narrowed;
    }

    private static List<String> narrowList(String viewName, String name, List<String> saved, List<String> asked,
            List<FieldProblem> problems) {
        if (asked == null || asked.isEmpty()) {
            return saved;
        }
        if (saved == null || saved.isEmpty()) {
            return asked;
        }
        Set<String> allowed = split(name, saved);
        Set<String> wanted = split(name, asked);
        if (!allowed.containsAll(wanted)) {
            problems.add(new FieldProblem(name, "view \"" + viewName + "\" shows only " + String.join(", ", allowed)));
            return saved;
        }
        return List.copyOf(wanted);
    }

    private static Set<String> split(String name, List<String> values) {
        Set<String> parts = new LinkedHashSet<>();
        for (String value : values) {
            (COMMA_SEPARATED.contains(name) ? Arrays.asList(value.split(",")) : List.of(value)).stream()
                    .map(String::trim).filter(v -> !v.isEmpty()).forEach(parts::add);
        }
        return parts;
    }

    /** The later of two bounds; an unreadable one is passed on, so the search's check names it. */
    private static String later(String a, String b) {
        return pickTime(a, b, true);
    }

    private static String earlier(String a, String b) {
        return pickTime(a, b, false);
    }

    private static String pickTime(String view, String request, boolean later) {
        if (request == null || request.isBlank()) {
            return view;
        }
        if (view == null || view.isBlank()) {
            return request;
        }
        Instant v = instant(view);
        Instant r = instant(request);
        if (v == null || r == null) {
            return request;
        }
        return (later ? r.isAfter(v) : r.isBefore(v)) ? request : view;
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<String> listOf(EventSearchParams p, String name) {
        return switch (name) {
            case "category" -> p.category();
            case "subcategory" -> p.subcategory();
            case "action" -> p.action();
            case "actor" -> p.actor();
            case "actorType" -> p.actorType();
            case "team" -> p.team();
            case "objectType" -> p.objectType();
            case "objectId" -> p.objectId();
            case "ip" -> p.ip();
            default -> throw new IllegalArgumentException(name);
        };
    }

    static List<String> all() {
        List<String> names = new ArrayList<>(SINGLE_PARAMETERS.subList(0, 2));
        names.addAll(LIST_PARAMETERS);
        names.add("q");
        return names;
    }
}
