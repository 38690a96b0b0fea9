package io.auditlog.audit.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.domain.EventFilter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reports as CSV written by PostgreSQL itself: COPY (report query) TO STDOUT formats millions of rows far faster
 * than rows decoded and re-encoded in Java. COPY takes no bind parameters, so the filter values travel as
 * transaction-local settings (set_config(..., true)) that the query reads back with current_setting: no value is
 * ever spliced into the SQL text.
 */
@ApplicationScoped
public class EventCopyRepository {

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");
    private static final int CHUNK_BYTES = 1 << 16;

    private final AgroalDataSource jdbc;

    EventCopyRepository(AgroalDataSource jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows of the account matching the filter, oldest first, as CSV records of the given cell expressions. */
    public Multi<Buffer> csv(String accountId, EventFilter filter, List<String> columns) {
        SqlConditions where = EventQueryRepository.conditions(accountId, filter);
        Tuple params = where.params();
        Matcher placeholders = PARAMETER.matcher(where.where());
        StringBuilder conditions = new StringBuilder();
        while (placeholders.find()) {
            int index = Integer.parseInt(placeholders.group(1));
            placeholders.appendReplacement(conditions, Matcher.quoteReplacement(
                    "(current_setting('auditlog.p" + index + "')::" + sqlType(params.getValue(index - 1)) + ")"));
        }
        placeholders.appendTail(conditions);
        String copy = "COPY (SELECT " + String.join(", ", columns) + " FROM audit.event" + conditions
                + " ORDER BY occurred_at, seq) TO STDOUT WITH (FORMAT csv)";
        return Multi.createFrom().<CopyCursor, Buffer>resource(() -> CopyCursor.open(jdbc, copy, params),
                cursor -> Multi.createBy().repeating().supplier(cursor::next).until(chunk -> chunk.length() == 0))
                .withFinalizer(CopyCursor::close)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static String sqlType(Object value) {
        if (value instanceof OffsetDateTime) {
            return "timestamptz";
        }
        if (value instanceof String[]) {
            return "text[]";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "bigint";
        }
        return "text";
    }

    private static String text(Object value) {
        if (value instanceof String[] values) {
            return PgArrays.literal(Arrays.asList(values));
        }
        return String.valueOf(value);
    }

    /** One COPY in its own read-only transaction on a JDBC connection, read in chunks of whole rows. */
    static final class CopyCursor {

        private final Connection connection;
        private final CopyOut copy;
        private boolean finished;

        private CopyCursor(Connection connection, CopyOut copy) {
            this.connection = connection;
            this.copy = copy;
        }

        static CopyCursor open(AgroalDataSource jdbc, String sql, Tuple params) {
            Connection connection;
            try {
                connection = jdbc.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException("No database connection for a report: " + e.getMessage(), e);
            }
            try {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
                    for (int i = 0; i < params.size(); i++) {
                        set.setString(1, "auditlog.p" + (i + 1));
                        set.setString(2, text(params.getValue(i)));
                        set.execute();
                    }
                }
                return new CopyCursor(connection, connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql));
            } catch (SQLException e) {
                closeQuietly(connection);
                throw new IllegalStateException("The report query failed: " + e.getMessage(), e);
            }
        }

        /**
         * The next rows, about 64 KB of them; an empty buffer at the end. Rows go straight into the buffer that is
         * sent: each row's bytes are copied once on their way from the driver to the socket.
         */
        Buffer next() {
            Buffer chunk = Buffer.buffer(CHUNK_BYTES + 4096);
            try {
                while (!finished && chunk.length() < CHUNK_BYTES) {
                    byte[] row = copy.readFromCopy();
                    if (row == null) {
                        finished = true;
                    } else {
                        chunk.appendBytes(row);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("The report stream broke off: " + e.getMessage(), e);
            }
            return chunk;
        }

        void close() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy(); // the client went away before the end
                }
                connection.rollback();
            } catch (SQLException e) {
                // the connection is discarded below either way
            } finally {
                closeQuietly(connection);
            }
        }

        private static void closeQuietly(Connection connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing more to release
            }
        }
    }
}
