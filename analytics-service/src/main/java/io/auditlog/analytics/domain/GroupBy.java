package io.auditlog.analytics.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a series is broken down by: the rollup column, the log parameter that selects one group, and what the
 * series is implicitly limited to (the login trend counts LOGIN events with an outcome; the CRM record chart
 * counts events that name an object type).
 */
public enum GroupBy {
    CATEGORY("category", "category", "category"),
    ACTION("action", "action", "action"),
    LOGIN_OUTCOME("login-outcome", "subcategory", "subcategory"),
    OBJECT_TYPE("object-type", "object_type", "objectType");

    /** The login outcomes the audit catalog defines (docs/architecture.md). */
    public static final List<String> LOGIN_OUTCOMES = List.of("LOGIN_SUCCEEDED", "LOGIN_FAILED");

    private final String id;
    private final String column;
    private final String parameter;

    GroupBy(String id, String column, String parameter) {
        this.id = id;
        this.column = column;
        this.parameter = parameter;
    }

    public static Optional<GroupBy> byId(String id) {
        return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(GroupBy::id).toList());
    }

    /** The event's value in this breakdown, or null when the series does not count it. */
    public String keyOf(FeedEvent event) {
        return switch (this) {
            case CATEGORY -> event.category();
            case ACTION -> event.action();
            case LOGIN_OUTCOME -> "LOGIN".equals(event.category()) && event.subcategory() != null
                    && LOGIN_OUTCOMES.contains(event.subcategory())
                    ? event.subcategory() : null;
            case OBJECT_TYPE -> event.objectType() == null || event.objectType().isEmpty() ? null : event.objectType();
        };
    }

    public String id() {
        return id;
    }

    public String column() {
        return column;
    }

    /** The audit log's query parameter for one group's value. */
    public String parameter() {
        return parameter;
    }
}
