package io.auditlog.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

/**
 * The plain PostgreSQL baseline of a report: the audit-service's report query as one {@code COPY (SELECT ...) TO
 * STDOUT WITH (FORMAT csv, HEADER)} in one session, the CSV read through {@code PGConnection.getCopyAPI()} into a
 * stream that counts the bytes and drops them.
 */
public final class PlainExport {

    /**
     * The columns the audit-service's reads select (audit-service {@code EventRows.COLUMNS}), so that PostgreSQL
     * produces the same values the report is made of. {@link #compareWithSource} checks the copy.
     */
    static final String COLUMNS = "account_id, event_id, seq, tx_id::text AS tx_id, occurred_at, recorded_at, "
            + "category, subcategory, action, actor_id, actor_email, actor_name, actor_type, actor_department, "
            + "actor_teams, object_type, object_id, object_name, object_path, object_item_type, host(ip) AS ip, "
            + "user_agent, login_type, country, region, details::text AS details";

    static final String EVENT_ROWS_SOURCE = "audit-service/src/main/java/io/auditlog/audit/repository/EventRows.java";

    public record Result(String sql, long rows, long bytes, double seconds, List<String> plan) {

        double rowsPerSecond() {
            return seconds > 0 ? rows / seconds : 0;
        }
    }

    private final BenchDatabase database;

    public PlainExport(BenchDatabase database) {
        this.database = database;
    }

    /** The report query of the audit layout for one account and period, as the audit-service runs it. */
    static String query(String accountId, Instant from, Instant to) {
        return "SELECT " + COLUMNS + " FROM audit.event WHERE account_id = " + literal(accountId)
                + " AND occurred_at >= " + literal(from.toString()) + "::timestamptz AND occurred_at < "
                + literal(to.toString()) + "::timestamptz ORDER BY occurred_at, seq";
    }

    /** How many rows the query matches (untimed). */
    public long count(String accountId, Instant from, Instant to) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM (" + query(accountId, from, to) + ") q")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The timed COPY; the plan PostgreSQL chose for the query is read afterwards with EXPLAIN (untimed). */
    public Result copy(String accountId, Instant from, Instant to) throws SQLException, IOException {
        String sql = "COPY (" + query(accountId, from, to) + ") TO STDOUT WITH (FORMAT csv, HEADER)";
        try (Connection c = database.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'");
            }
            CountingSink sink = new CountingSink();
            long start = System.nanoTime();
            long rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, sink);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> plan = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("EXPLAIN (COSTS OFF) " + query(accountId, from, to))) {
                while (rs.next()) {
                    plan.add(rs.getString(1).strip());
                }
            }
            return new Result(sql, rows, sink.count(), seconds, List.copyOf(plan));
        }
    }

    /**
     * Compares {@link #COLUMNS} with the audit-service's source, when it is at hand: null when they agree,
     * otherwise what differs (or why it could not be checked).
     */
    static String compareWithSource(Path projectRoot) {
        Path source = projectRoot.resolve(EVENT_ROWS_SOURCE);
        if (!Files.isRegularFile(source)) {
            return "not checked: no " + EVENT_ROWS_SOURCE;
        }
        try {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            int start = text.indexOf("COLUMNS =");
            int end = start < 0 ? -1 : text.indexOf(';', start);
            if (end < 0) {
                return "not checked: no COLUMNS constant in " + EVENT_ROWS_SOURCE;
            }
            StringBuilder columns = new StringBuilder();
            Matcher literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text.substring(start, end));
            while (literal.find()) {
                columns.append(literal.group(1));
            }
            return columns.toString().equals(COLUMNS) ? null
                    : "DIFFERENT: " + EVENT_ROWS_SOURCE + " selects " + columns + "; the benchmark selects " + COLUMNS;
        } catch (IOException e) {
            return "not checked: " + e;
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Counts the bytes written to it and drops them. */
    static final class CountingSink extends OutputStream {
        private long count;

        long count() {
            return count;
        }

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            count += length;
        }
    }
}
