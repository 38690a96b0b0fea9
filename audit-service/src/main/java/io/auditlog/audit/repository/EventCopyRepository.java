package io.auditlog.audit.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.domain.EventFilter;
import io.auditlog.audit.domain.ExportLayout;
import io.auditlog.common.database.DatabaseUnavailableException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * Reports as CSV written by PostgreSQL itself: COPY (report query) TO STDOUT formats millions of rows far faster
 * than rows decoded and re-encoded in Java. It writes the header line too (HEADER: the columns are named after the
 * layout's header cells), so every line of a report file comes from one CSV writer, and every cell a producer sent
 * is neutralised by one function, audit.csv_safe (the header's names are the layout's own constants). COPY takes no
 * bind parameters, so the filter's values travel as transaction-local settings (set_config(..., true), themselves
 * bound over JDBC) that the query reads back with current_setting, cast to each value's own type: no value is ever
 * spliced into the SQL text. This is the service's one use of JDBC.
 */
@ApplicationScoped
public class EventCopyRepository {

    private static final int CHUNK_BYTES = 1 << 16;
    private static final byte[] CRLF = { '\r', '\n' };
    /** More than the JDBC pool ever holds: after a restart every pooled connection may be one the server ended. */
    private static final int MAX_STALE_CONNECTIONS = 16;
    /** A COPY reads each value of the log query back from its own setting. */
    private static final SqlConditions.Placeholders SETTINGS = bind -> "(current_setting('" + setting(bind)
            + "')::" + bind.type().sql + ")";

    private final AgroalDataSource jdbc;

    EventCopyRepository(AgroalDataSource jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The header and the rows of the account matching the filter, oldest first, as CSV records of the layout's
     * cells, each ending CRLF. The header travels in the first chunk together with the first rows: a query that
     * fails as it starts then fails the request before its status line is sent (a problem response, not a 200 that
     * breaks off).
     */
    public Multi<Buffer> csv(String accountId, EventFilter filter, ExportLayout layout) {
        SqlConditions where = EventQueryRepository.conditions(accountId, filter);
        String copy = "COPY (SELECT " + CopyColumns.select(layout) + " FROM audit.event" + where.where(SETTINGS)
                + " ORDER BY occurred_at, seq) TO STDOUT WITH (FORMAT csv, HEADER)";
        List<SqlConditions.Bind> values = where.binds();
        return Multi.createFrom().<CopyCursor, Buffer>resource(() -> CopyCursor.open(jdbc, copy, values),
                cursor -> Multi.createBy().repeating().supplier(cursor::next).until(chunk -> chunk.length() == 0))
                .withFinalizer(CopyCursor::close)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static String setting(SqlConditions.Bind bind) {
        return "auditlog.p" + bind.position();
    }

    /** One COPY in its own read-only transaction on a JDBC connection, read in chunks of whole rows. */
    static final class CopyCursor {

        private final Connection connection;
        private final CopyOut copy;
        private boolean finished;
        private boolean broken;
        private boolean released;

        private CopyCursor(Connection connection, CopyOut copy) {
            this.connection = connection;
            this.copy = copy;
        }

        /**
         * Opens the COPY on a pooled connection. The pool does not test a connection before handing it out, so
         * after a PostgreSQL restart it holds connections the server has ended; each fails at once with a
         * connection error (SQLSTATE 08xxx, 57P01..57P03), is dropped from the pool (see {@link #open(Connection,
         * String, List)}), and the next one is tried, so that a report after a restart still runs.
         */
        static CopyCursor open(AgroalDataSource jdbc, String sql, List<SqlConditions.Bind> values) {
            for (int attempt = 1;; attempt++) {
                Connection connection;
                try {
                    connection = jdbc.getConnection();
                } catch (SQLException e) {
                    // none free within the pool's acquisition timeout, or none to be made: retry later (503)
                    DatabaseUnavailableException unavailable = new DatabaseUnavailableException(
                            "No database connection for a report: " + e.getMessage());
                    unavailable.initCause(e);
                    throw unavailable;
                }
                try {
                    return open(connection, sql, values);
                } catch (SQLException e) {
                    if (attempt == MAX_STALE_CONNECTIONS || !isConnectionLost(e)) {
                        throw new IllegalStateException("The report query failed: " + e.getMessage(), e);
                    }
                }
            }
        }

        private static CopyCursor open(Connection connection, String sql, List<SqlConditions.Bind> values)
                throws SQLException {
            try {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
                    for (SqlConditions.Bind value : values) {
                        set.setString(1, setting(value));
                        set.setString(2, value.text());
                        set.execute();
                    }
                }
                return new CopyCursor(connection, connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql));
            } catch (SQLException e) {
                if (isConnectionLost(e)) {
                    closePhysically(connection); // the copy API bypasses the pool's wrapper: make sure it drops it
                }
                try {
                    connection.rollback(); // through the pool's wrapper, which drops a connection failing so
                } catch (SQLException | RuntimeException ignored) {
                    // the caller answers e
                }
                closeQuietly(connection);
                throw e;
            }
        }

        private static boolean isConnectionLost(SQLException e) {
            String state = e.getSQLState();
            return state != null && (state.startsWith("08") || state.startsWith("57P0"));
        }

        /**
         * The next rows, about 64 KB of them (the first chunk starts with the header row); an empty buffer at the end.
         * Rows go straight into the buffer that is sent: each row's bytes are copied once on their way from the
         * driver to the socket, with its line ending made CRLF on the way.
         */
        synchronized Buffer next() {
            if (released) {
                return Buffer.buffer(); // the client is gone: the stream ends here
            }
            Buffer chunk = Buffer.buffer(CHUNK_BYTES + 4096);
            try {
                while (!finished && chunk.length() < CHUNK_BYTES) {
                    byte[] row = copy.readFromCopy();
                    if (row == null) {
                        finished = true;
                    } else {
                        appendRecord(chunk, row);
                    }
                }
            } catch (SQLException e) {
                broken = true;
                throw new IllegalStateException("The report stream broke off: " + e.getMessage(), e);
            }
            return chunk;
        }

        /**
         * One COPY row (the header row too), its LF ending as CRLF (RFC 4180). The protocol sends every row of
         * COPY TO STDOUT as one CopyData message ending in the row's LF, so the last byte is the record end and
         * every other LF lies inside a quoted cell, where it stays: no byte of the row needs scanning. A message of
         * any other shape fails the stream (the client sees a broken transfer) rather than a file of mixed endings.
         */
        static void appendRecord(Buffer chunk, byte[] row) {
            int end = row.length - 1;
            if (end < 0 || row[end] != '\n') {
                throw new IllegalStateException("COPY sent a message that is not one CSV row");
            }
            chunk.appendBytes(row, 0, end).appendBytes(CRLF);
        }

        /**
         * Ends the COPY and gives the connection back, from the stream's finalizer. When a client leaves, that
         * runs on the event loop that saw the connection close, possibly while a worker is in {@link #next()} on
         * the same JDBC connection: the two garbled the protocol, the cancel failed and the connection never went
         * back to the pool (eight clients leaving exhausted it). So the COPY is ended on a worker (it blocks),
         * after any read in progress.
         */
        void close() {
            try {
                Infrastructure.getDefaultWorkerPool().execute(this::release);
            } catch (RejectedExecutionException e) {
                release(); // shutting down
            }
        }

        /**
         * A connection whose COPY did not run to its end (the client left, the server went away) does not go back
         * to the pool: pgjdbc's cancelCopy() for COPY TO only asks the server to cancel and leaves the rows still
         * under way unread on the connection, which the next user of the pooled connection then read as the answer
         * to its own query. It is closed underneath (the server ends the COPY when it can no longer send), so the
         * rollback through the pool's wrapper fails with SQLSTATE 08003 and the pool discards it. A client leaving
         * early costs one new connection for a later report.
         */
        private synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            if (broken || !finished) {
                closePhysically(connection);
            }
            try {
                connection.rollback();
            } catch (SQLException | RuntimeException e) {
                // a connection closed above ends here, and the pool drops it
            } finally {
                closeQuietly(connection);
            }
        }

        private static void closePhysically(Connection connection) {
            try {
                connection.unwrap(BaseConnection.class).close();
            } catch (SQLException | RuntimeException e) {
                // already gone
            }
        }

        private static void closeQuietly(Connection connection) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                // nothing more to release
            }
        }
    }
}
