package io.auditlog.audit.repository;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/** Builds a WHERE clause and its numbered parameters together, so that no value is ever spliced into SQL. */
final class SqlConditions {

    private final List<String> clauses = new ArrayList<>();
    private final Tuple params = Tuple.tuple();

    /** Adds a parameter and answers its placeholder, e.g. {@code $3}. */
    String param(Object value) {
        params.addValue(value);
        return "$" + params.size();
    }

    void add(String clause) {
        clauses.add(clause);
    }

    /**
     * column = value for one value, = ANY(array) for several. One value keeps the plain equality so the
     * planner can walk an index in keyset order instead of sorting.
     */
    void anyOf(String column, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        if (values.size() == 1) {
            add(column + " = " + param(values.get(0)));
        } else {
            add(column + " = ANY(" + param(values.toArray(String[]::new)) + "::text[])");
        }
    }

    String where() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    Tuple params() {
        return params;
    }
}
