package io.auditlog.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads the same rows straight into bench_plain.event, the twin of audit.event: once with COPY FROM STDIN
 * (text format) in one session, once with multi-row INSERTs from several concurrent sessions. Only the
 * columns the API fills are written; seq, tx_id and recorded_at take their defaults, as in the service.
 */
public final class PlainLoad {

    /** The columns written, in order. */
    public static final List<String> COLUMNS = List.of("account_id", "event_id", "occurred_at", "category",
            "subcategory", "action", "actor_id", "actor_email", "actor_name", "actor_type", "actor_teams",
            "object_type", "object_id", "object_name", "ip", "user_agent", "login_type", "country", "region",
            "details");

    private static final String TABLE = BenchDatabase.PLAIN_SCHEMA + ".event";
    private static final int COPY_CHUNK_BYTES = 4 << 20;

    private final BenchDatabase database;

    public PlainLoad(BenchDatabase database) {
        this.database = database;
    }

    public record Result(String method, int rows, double seconds, double rowsPerSecond, int sessions, String detail) {
    }

    // ---------------------------------------------------------------- COPY

    /** The rows as COPY text-format data, in chunks of a few megabytes, made before the clock starts. */
    public static List<byte[]> copyData(List<GeneratedEvent> events) {
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(COPY_CHUNK_BYTES + (64 << 10));
        StringBuilder line = new StringBuilder(1024);
        for (GeneratedEvent e : events) {
            line.setLength(0);
            field(line, e.accountId());
            field(line, e.eventId());
            field(line, e.occurredAt().toString());
            field(line, e.category());
            field(line, e.subcategory());
            field(line, e.action());
            field(line, e.actorId());
            field(line, e.actorEmail());
            field(line, e.actorName());
            field(line, e.actorType());
            field(line, e.actorTeams() == null ? null : arrayLiteral(e.actorTeams()));
            field(line, e.objectType());
            field(line, e.objectId());
            field(line, e.objectName());
            field(line, e.ip());
            field(line, e.userAgent());
            field(line, e.loginType());
            field(line, e.country());
            field(line, e.region());
            field(line, e.detailsJson());
            line.setCharAt(line.length() - 1, '\n'); // the last field's tab ends the line instead
            chunk.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            if (chunk.size() >= COPY_CHUNK_BYTES) {
                chunks.add(chunk.toByteArray());
                chunk.reset();
            }
        }
        if (chunk.size() > 0) {
            chunks.add(chunk.toByteArray());
        }
        return chunks;
    }

    private static void field(StringBuilder line, String value) {
        if (value == null) {
            line.append("\\N");
        } else {
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(ch);
                }
            }
        }
        line.append('\t');
    }

    /** A text[] literal: {"a","b"}, elements quoted. */
    static String arrayLiteral(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    public Result copy(List<byte[]> chunks, int rows) throws SQLException {
        long bytes = chunks.stream().mapToLong(c -> c.length).sum();
        String sql = "COPY " + TABLE + " (" + String.join(", ", COLUMNS) + ") FROM STDIN";
        try (Connection connection = database.connect()) {
            long start = System.nanoTime();
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                for (byte[] chunk : chunks) {
                    copy.writeToCopy(chunk, 0, chunk.length);
                }
                long copied = copy.endCopy();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (copied != rows) {
                    throw new IllegalStateException("COPY wrote " + copied + " rows, expected " + rows);
                }
                return new Result("COPY FROM STDIN (text), 1 session", rows, seconds, rows / seconds, 1,
                        String.format("%d chunks, %.1f MB", chunks.size(), bytes / 1e6));
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    // ---------------------------------------------------------------- INSERT

    /**
     * Multi-row INSERTs of {@code rowsPerStatement} consecutive rows, from {@code sessions} sessions taking
     * the next slice from a shared counter; each statement commits on its own (autocommit), as each API
     * request does. Connections are opened before the clock starts.
     */
    public Result insert(List<GeneratedEvent> events, int sessions, int rowsPerStatement) throws Exception {
        int statements = (events.size() + rowsPerStatement - 1) / rowsPerStatement;
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Connection> connections = new ArrayList<>();
        try {
            for (int s = 0; s < sessions; s++) {
                connections.add(database.connect());
            }
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (Connection connection : connections) {
                Thread thread = new Thread(() -> {
                    try {
                        PreparedStatement full = connection.prepareStatement(insertSql(rowsPerStatement));
                        for (int i = next.getAndIncrement(); i < statements && failure.get() == null;
                                i = next.getAndIncrement()) {
                            int from = i * rowsPerStatement;
                            int to = Math.min(events.size(), from + rowsPerStatement);
                            boolean whole = to - from == rowsPerStatement;
                            PreparedStatement statement = whole ? full : connection.prepareStatement(insertSql(to - from));
                            bind(connection, statement, events.subList(from, to));
                            int inserted = statement.executeUpdate();
                            if (!whole) {
                                statement.close();
                            }
                            if (inserted != to - from) {
                                throw new IllegalStateException("INSERT wrote " + inserted + " rows, expected "
                                        + (to - from));
                            }
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }, "plain-insert-" + threads.size());
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null) {
                throw failure.get();
            }
            return new Result(sessions + " sessions x " + rowsPerStatement + "-row INSERT", events.size(), seconds,
                    events.size() / seconds, sessions, statements + " statements, autocommit");
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    static String insertSql(int rows) {
        StringBuilder row = new StringBuilder("(");
        for (int c = 0; c < COLUMNS.size(); c++) {
            if (c > 0) {
                row.append(", ");
            }
            row.append(switch (COLUMNS.get(c)) {
                case "ip" -> "?::inet";
                case "details" -> "?::jsonb";
                default -> "?";
            });
        }
        row.append(')');
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(TABLE).append(" (")
                .append(String.join(", ", COLUMNS)).append(") VALUES ");
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                sql.append(", ");
            }
            sql.append(row);
        }
        return sql.toString();
    }

    private static void bind(Connection connection, PreparedStatement statement, List<GeneratedEvent> rows)
            throws SQLException {
        int p = 1;
        for (GeneratedEvent e : rows) {
            statement.setString(p++, e.accountId());
            statement.setString(p++, e.eventId());
            statement.setObject(p++, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
            statement.setString(p++, e.category());
            statement.setString(p++, e.subcategory());
            statement.setString(p++, e.action());
            statement.setString(p++, e.actorId());
            statement.setString(p++, e.actorEmail());
            statement.setString(p++, e.actorName());
            statement.setString(p++, e.actorType());
            Array teams = e.actorTeams() == null ? null
                    : connection.createArrayOf("text", e.actorTeams().toArray());
            statement.setArray(p++, teams);
            statement.setString(p++, e.objectType());
            statement.setString(p++, e.objectId());
            statement.setString(p++, e.objectName());
            statement.setString(p++, e.ip());
            statement.setString(p++, e.userAgent());
            statement.setString(p++, e.loginType());
            statement.setString(p++, e.country());
            statement.setString(p++, e.region());
            statement.setString(p++, e.detailsJson());
        }
    }

    public void truncate() throws SQLException {
        database.execute("TRUNCATE " + TABLE);
    }
}
