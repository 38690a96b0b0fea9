package io.auditlog.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.auditlog.local.postgres.PostgresEndpoint;

/** The benchmark's own SQL against its database: clean start, the plain twin table, checks and counts. */
public final class BenchDatabase {

    public static final String PLAIN_SCHEMA = "bench_plain";
    public static final String SERVICE_SCHEMA = "audit";

    private final PostgresEndpoint endpoint;

    public BenchDatabase(PostgresEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public PostgresEndpoint endpoint() {
        return endpoint;
    }

    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(), endpoint.password());
        connection.setAutoCommit(true);
        return connection;
    }

    /** Drops the service's schema (with its Flyway history, which lives in it) and the plain twin's. */
    public void dropSchemas() throws SQLException {
        dropSchemas(List.of(SERVICE_SCHEMA, PLAIN_SCHEMA));
    }

    /** Drops {@code schemas} (each service keeps its Flyway history in its own schema). */
    public void dropSchemas(List<String> schemas) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '60s'");
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
            }
            // Flyway keeps its history in the first schema of quarkus.flyway.schemas (audit); a history table
            // left in public by an older configuration would make it skip the migration, so it goes too.
            s.execute("DROP TABLE IF EXISTS public.flyway_schema_history");
        }
    }

    /**
     * Creates bench_plain.event from the copied DDL, with partitions of the same bounds as audit.event's
     * (which the service has created by then); when audit.event has none covering the data, monthly
     * partitions from {@code oldest} to {@code newest} are added. Returns the partitions created.
     */
    public List<String> createPlainTable(Instant oldest, Instant newest) throws SQLException {
        String ddl;
        try (InputStream in = BenchDatabase.class.getResourceAsStream("/bench_plain_schema.sql")) {
            ddl = new String(Objects.requireNonNull(in, "bench_plain_schema.sql missing").readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> created = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(ddl);
            s.execute("SET TIME ZONE 'UTC'");
            List<String[]> partitions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
                      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = 'audit.event'::regclass
                     ORDER BY c.relname""")) {
                while (rs.next()) {
                    partitions.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] partition : partitions) {
                s.execute("CREATE TABLE " + PLAIN_SCHEMA + "." + quote(partition[0]) + " PARTITION OF "
                        + PLAIN_SCHEMA + ".event " + partition[1]);
                created.add(partition[0] + " " + partition[1]);
            }
            // Whatever the service made, the data must fit: add any missing month.
            for (Instant month = oldest.atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
                    !month.isAfter(newest);
                    month = month.atZone(ZoneOffset.UTC).plusMonths(1).toInstant()) {
                try (PreparedStatement covered = c.prepareStatement("""
                        SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                         WHERE i.inhparent = 'bench_plain.event'::regclass
                           AND pg_get_expr(c.relpartbound, c.oid) LIKE '%' || ? || '%'""")) {
                    covered.setString(1, "FROM ('" + month.atZone(ZoneOffset.UTC).toLocalDate());
                    try (ResultSet rs = covered.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) > 0) {
                            continue;
                        }
                    }
                }
                String name = "event_" + month.atZone(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7).replace('-', '_');
                Instant end = month.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
                String bound = "FOR VALUES FROM ('" + month + "') TO ('" + end + "')";
                s.execute("CREATE TABLE " + PLAIN_SCHEMA + "." + quote(name) + " PARTITION OF " + PLAIN_SCHEMA
                        + ".event " + bound);
                created.add(name + " " + bound + " (added by the benchmark)");
            }
        }
        return created;
    }

    /**
     * How bench_plain.event differs from audit.event: columns (type, nullability, default), partition key,
     * indexes and partition bounds, with schema names taken out. Empty when they are the same.
     */
    public List<String> differences() throws SQLException {
        List<String> differences = new ArrayList<>();
        try (Connection c = connect()) {
            compare(differences, "column", describeColumns(c, SERVICE_SCHEMA), describeColumns(c, PLAIN_SCHEMA));
            compare(differences, "partition key", single(c, SERVICE_SCHEMA, "SELECT 'key', pg_get_partkeydef('%s.event'::regclass)"),
                    single(c, PLAIN_SCHEMA, "SELECT 'key', pg_get_partkeydef('%s.event'::regclass)"));
            compare(differences, "index", describe(c, SERVICE_SCHEMA,
                    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = '%s' AND tablename = 'event'"),
                    describe(c, PLAIN_SCHEMA,
                            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = '%s' AND tablename = 'event'"));
            compare(differences, "partition", describe(c, SERVICE_SCHEMA, """
                    SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
                      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = '%s.event'::regclass"""), describe(c, PLAIN_SCHEMA, """
                    SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
                      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = '%s.event'::regclass"""));
        }
        return differences;
    }

    private static Map<String, String> describeColumns(Connection c, String schema) throws SQLException {
        return describe(c, schema, """
                SELECT a.attname,
                       format_type(a.atttypid, a.atttypmod)
                       || coalesce(' COLLATE ' || quote_ident(co.collname), '')
                       || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                       || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                       || ' #' || a.attnum
                  FROM pg_attribute a
                  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0
                 WHERE a.attrelid = '%s.event'::regclass AND a.attnum > 0 AND NOT a.attisdropped""");
    }

    private static Map<String, String> single(Connection c, String schema, String sql) throws SQLException {
        return describe(c, schema, sql);
    }

    private static Map<String, String> describe(Connection c, String schema, String sqlTemplate) throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rs = s.executeQuery(String.format(sqlTemplate, schema))) {
                while (rs.next()) {
                    String value = rs.getString(2);
                    rows.put(rs.getString(1), value == null ? null
                            : value.replace(schema + ".", "<schema>."));
                }
            }
        }
        return rows;
    }

    private static void compare(List<String> differences, String what, Map<String, String> service,
            Map<String, String> plain) {
        for (Map.Entry<String, String> entry : service.entrySet()) {
            String twin = plain.get(entry.getKey());
            if (twin == null) {
                differences.add(what + " " + entry.getKey() + " is missing in bench_plain (audit: " + entry.getValue() + ")");
            } else if (!twin.equals(entry.getValue())) {
                differences.add(what + " " + entry.getKey() + " differs: audit " + entry.getValue() + " / bench_plain "
                        + twin);
            }
        }
        for (Map.Entry<String, String> entry : plain.entrySet()) {
            if (!service.containsKey(entry.getKey())) {
                differences.add(what + " " + entry.getKey() + " exists only in bench_plain: " + entry.getValue());
            }
        }
    }

    /** The other sessions connected to this database (application, client, since when), e.g. a stray service. */
    public List<String> otherSessions() throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT pid, coalesce(nullif(application_name, ''), '?'), client_addr, client_port, backend_start
                          FROM pg_stat_activity
                         WHERE datname = current_database() AND pid <> pg_backend_pid()
                           AND backend_type = 'client backend'
                         ORDER BY backend_start""")) {
            while (rs.next()) {
                sessions.add("pid " + rs.getInt(1) + " (" + rs.getString(2) + " from " + rs.getString(3) + ":"
                        + rs.getInt(4) + ", since " + rs.getTimestamp(5).toInstant() + ")");
            }
        }
        return sessions;
    }

    public long count(String table) throws SQLException {
        return scalar("SELECT count(*) FROM " + table);
    }

    /** The one number {@code sql} answers. */
    public long scalar(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Writes dirty pages out, so that a load does not pay for the checkpoint its predecessor caused. */
    public void checkpoint() throws SQLException {
        execute("CHECKPOINT");
    }

    public boolean tableExists(String table) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The account with the most events in audit.event, and its count. */
    public Map.Entry<String, Long> busiestAccount() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT account_id, count(*) FROM audit.event GROUP BY account_id "
                        + "ORDER BY count(*) DESC, account_id LIMIT 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("audit.event is empty");
            }
            return Map.entry(rs.getString(1), rs.getLong(2));
        }
    }

    /** The server's version and the settings that matter most for write and read speed. */
    public Map<String, String> serverSettings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                settings.put("version", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT name, setting || coalesce(' ' || unit, '') FROM pg_settings
                     WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'max_wal_size', 'wal_level',
                                    'work_mem', 'maintenance_work_mem', 'max_connections', 'jit', 'effective_cache_size')
                     ORDER BY name""")) {
                while (rs.next()) {
                    settings.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return settings;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
