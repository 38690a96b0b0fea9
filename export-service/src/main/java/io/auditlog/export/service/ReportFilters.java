package io.auditlog.export.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.auditlog.common.input.TextInput;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ListParameters;
import io.auditlog.export.client.AuditServiceClient;

/**
 * The filters of a report request, limited here, before any call to the audit-service: a request of one tenant
 * must never be able to hurt the connections the calls of others use. Each filter takes the audit log's own list
 * limits ({@link ListParameters}: at most 50 values of at most 256 characters) and single-line values
 * ({@link TextInput}); and all of them together, as sent, must fit the audit-service's request line.
 */
final class ReportFilters {

    /** The audit log's query parameters a report may filter by. */
    static final Set<String> NAMES = Set.of("category", "subcategory", "action", "actor", "actorType", "team",
            "objectType", "objectId", "ip", "q");

    /**
     * Most characters the filters may take in the audit-service's query string (percent-encoded, names and
     * separators included). The audit-service takes request URIs of up to 8,192 characters
     * ({@code platform.http.max-request-line-length}); a report's own part of the URI (the path, the period, the
     * account, the layout, the format and the view) takes at most about 400, and the rest is headroom. A filter
     * alone over it is named; filters that pass one by one but not together are "filters".
     */
    static final int MAX_QUERY_CHARS = 6000;
    private static final int MAX_ECHOED_NAME = 64;

    private ReportFilters() {
    }

    /** The filters as the audit-service's query parameters; problems (field {@code filters.<name>}) are added. */
    static Map<String, List<String>> check(Map<String, Object> filters, List<FieldProblem> problems) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (filters == null) {
            return query;
        }
        if (filters.size() > NAMES.size()) {
            problems.add(new FieldProblem("filters", "at most " + NAMES.size() + " filters, one each of " + known()));
            return query;
        }
        int total = 0;
        for (Map.Entry<String, Object> filter : filters.entrySet()) {
            String name = filter.getKey();
            if (!NAMES.contains(name)) {
                problems.add(new FieldProblem(echoable(name) ? "filters." + name : "filters",
                        "unknown filter; one of " + known()));
                continue;
            }
            List<String> values = values("filters." + name, name, filter.getValue(), problems);
            if (values != null) {
                query.put(name, values);
                total += AuditServiceClient.encodedLength(name, values);
            }
        }
        if (total > MAX_QUERY_CHARS) {
            problems.add(new FieldProblem("filters", "together at most " + MAX_QUERY_CHARS
                    + " characters as sent to the audit log (URL-encoded); these take " + total));
        }
        return query;
    }

    private static List<String> values(String field, String name, Object value, List<FieldProblem> problems) {
        List<?> raw = value instanceof List<?> list ? list : (value instanceof String text ? List.of(text) : null);
        if (raw == null || !raw.stream().allMatch(String.class::isInstance)) {
            problems.add(new FieldProblem(field, "must be a string or an array of strings"));
            return null;
        }
        if (raw.size() > ListParameters.MAX_VALUES) {
            problems.add(new FieldProblem(field, "at most " + ListParameters.MAX_VALUES + " values"));
            return null;
        }
        if (name.equals("q") && raw.size() > 1) {
            problems.add(new FieldProblem(field, "is one search text"));
            return null;
        }
        List<String> values = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String text = (String) raw.get(i);
            String which = raw.size() == 1 ? "" : "value " + (i + 1) + ": ";
            if (text.length() > ListParameters.MAX_VALUE_LENGTH) {
                problems.add(new FieldProblem(field, which + "values must be at most "
                        + ListParameters.MAX_VALUE_LENGTH + " characters"));
                return null;
            }
            String problem = TextInput.singleLineProblem(text);
            if (problem != null) {
                problems.add(new FieldProblem(field, which + problem));
                return null;
            }
            values.add(text);
        }
        int length = AuditServiceClient.encodedLength(name, values);
        if (length > MAX_QUERY_CHARS) {
            problems.add(new FieldProblem(field, "at most " + MAX_QUERY_CHARS
                    + " characters as sent to the audit log (URL-encoded); these take " + length));
            return null;
        }
        return values;
    }

    /** A name is shown back only when it is short, printable text, so an answer never grows with the input. */
    private static boolean echoable(String name) {
        return name.length() <= MAX_ECHOED_NAME && TextInput.singleLineProblem(name) == null;
    }

    private static String known() {
        return String.join(", ", NAMES.stream().sorted().toList());
    }
}
