package io.auditlog.audit.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A WHERE clause and its values, built together so that no value is ever spliced into SQL, and rendered for either
 * statement that reads the log: a prepared query of the reactive client ({@code $1, $2, ...} bound from a
 * {@link Tuple}), or a COPY over JDBC, which takes no bind parameters (there each value is read back from a
 * transaction-local setting, see {@link EventCopyRepository}). Every value carries its SQL type from the moment it is
 * added, so neither rendering guesses it, and a clause holds its values as values, not as placeholder text.
 */
final class SqlConditions {

    /** The SQL types a log query binds. */
    enum SqlType {
        TEXT("text"), TEXT_ARRAY("text[]"), TIMESTAMPTZ("timestamptz"), BIGINT("bigint");

        final String sql;

        SqlType(String sql) {
            this.sql = sql;
        }
    }

    /** One bound value, at its 1-based position among the clause's values. */
    static final class Bind {

        private final int position;
        private final SqlType type;
        private final Object value;

        private Bind(int position, SqlType type, Object value) {
            this.position = position;
            this.type = type;
            this.value = value;
        }

        int position() {
            return position;
        }

        SqlType type() {
            return type;
        }

        /** The value in the form PostgreSQL's input function for {@link #type()} reads (for a setting). */
        String text() {
            return switch (type) {
                case TEXT_ARRAY -> PgArrays.literal(Arrays.asList((String[]) value));
                case TEXT, TIMESTAMPTZ, BIGINT -> value.toString();
            };
        }
    }

    /** How a rendering refers to the value at a position. */
    @FunctionalInterface
    interface Placeholders {
        String of(Bind bind);
    }

    /** The reactive PostgreSQL client's numbered parameters. */
    static final Placeholders NUMBERED = bind -> "$" + bind.position();

    private final List<Object[]> clauses = new ArrayList<>();
    private final List<Bind> binds = new ArrayList<>();

    Bind text(String value) {
        return bind(SqlType.TEXT, value);
    }

    Bind texts(List<String> values) {
        return bind(SqlType.TEXT_ARRAY, values.toArray(String[]::new));
    }

    /** An instant, bound as UTC (the column is timestamptz; the offset only decides how it is written). */
    Bind time(Instant value) {
        return bind(SqlType.TIMESTAMPTZ, value.atOffset(ZoneOffset.UTC));
    }

    Bind number(long value) {
        return bind(SqlType.BIGINT, value);
    }

    private Bind bind(SqlType type, Object value) {
        Bind bind = new Bind(binds.size() + 1, type, value);
        binds.add(bind);
        return bind;
    }

    /** A condition of SQL text and values, e.g. {@code add("occurred_at >= ", time(from))}. */
    void add(Object... parts) {
        for (Object part : parts) {
            if (!(part instanceof String) && !(part instanceof Bind)) {
                throw new IllegalArgumentException("A condition holds SQL text and binds only: " + part);
            }
        }
        clauses.add(parts);
    }

    /**
     * column = value for one value, = ANY(array) for several. One value keeps the plain equality so the planner can
     * walk an index in keyset order instead of sorting.
     */
    void anyOf(String column, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        if (values.size() == 1) {
            add(column + " = ", text(values.get(0)));
        } else {
            add(column + " = ANY(", texts(values), "::text[])");
        }
    }

    /** " WHERE a AND b ..." (or nothing), with each value as {@code placeholders} name it. */
    String where(Placeholders placeholders) {
        if (clauses.isEmpty()) {
            return "";
        }
        StringBuilder sql = new StringBuilder(" WHERE ");
        for (int i = 0; i < clauses.size(); i++) {
            if (i > 0) {
                sql.append(" AND ");
            }
            append(sql, placeholders, clauses.get(i));
        }
        return sql.toString();
    }

    /** SQL text and values outside the WHERE clause (e.g. a LIMIT), rendered the same way. */
    static String render(Placeholders placeholders, Object... parts) {
        return append(new StringBuilder(), placeholders, parts).toString();
    }

    private static StringBuilder append(StringBuilder sql, Placeholders placeholders, Object[] parts) {
        for (Object part : parts) {
            sql.append(part instanceof Bind bind ? placeholders.of(bind) : (String) part);
        }
        return sql;
    }

    /** Every value in position order. */
    List<Bind> binds() {
        return List.copyOf(binds);
    }

    /** The values for the reactive client, in position order. */
    Tuple tuple() {
        Tuple tuple = Tuple.tuple();
        for (Bind bind : binds) {
            tuple.addValue(bind.value);
        }
        return tuple;
    }
}
