package io.auditlog.analytics.domain;

import java.util.List;

/**
 * The daily totals of the summary, as docs/architecture.md defines what analytics counts. Each is one log filter
 * ({@code parameter} any of {@code values}), used both for counting and for the link to the matching log entries.
 */
public enum Measure {
    LOGINS("logins", "category", "category", List.of("LOGIN")),
    DELETIONS("deletions", "action", "action", List.of("DELETE", "PERMANENT_DELETE")),
    EXPORTS("exports", "category", "category", List.of("EXPORT")),
    REPORTS("reports", "category", "category", List.of("REPORT"));

    private final String field;
    private final String column;
    private final String parameter;
    private final List<String> codes;

    Measure(String field, String column, String parameter, List<String> values) {
        this.field = field;
        this.column = column;
        this.parameter = parameter;
        this.codes = values;
    }

    /** The name in the summary's JSON. */
    public String field() {
        return field;
    }

    /** The rollup column it counts by. */
    public String column() {
        return column;
    }

    /** The audit log's query parameter that lists the same events. */
    public String parameter() {
        return parameter;
    }

    /** Whether the event is one this measure counts. */
    public boolean counts(FeedEvent event) {
        String code = "category".equals(column) ? event.category() : event.action();
        return code != null && codes.contains(code);
    }

    /** The codes it counts (any of). */
    public List<String> codes() {
        return codes;
    }
}
