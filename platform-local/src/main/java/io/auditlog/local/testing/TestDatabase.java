package io.auditlog.local.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.auditlog.local.postgres.LocalPostgres;
import io.auditlog.local.postgres.PostgresEndpoint;

/**
 * The database one test JVM works in: created empty for this run and dropped when the JVM exits, so no run sees
 * another's rows (tests that read the whole feed, or assume a quiet database, stay true on a long-lived machine)
 * and nothing accumulates. {@code AUDITLOG_TEST_DATABASE} names a database to use instead, which is kept.
 */
public final class TestDatabase {

    private static final Logger LOG = Logger.getLogger(TestDatabase.class.getName());
    private static final String PREFIX = "auditlog_test_run_";
    /** Name: prefix, creation second, random part; the second lets a later run drop what a killed JVM left. */
    private static final Pattern RUN_NAME = Pattern.compile(PREFIX + "(\\d{10})_[0-9a-f]{8}");
    /** No test run lasts this long: a run database older than this was left by a JVM that was killed. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(6);

    private static PostgresEndpoint endpoint;

    private TestDatabase() {
    }

    /** This JVM's test database, created on first use. */
    public static synchronized PostgresEndpoint endpoint() {
        if (endpoint == null) {
            String named = System.getenv("AUDITLOG_TEST_DATABASE");
            if (named != null && !named.isBlank()) {
                endpoint = LocalPostgres.database(named);
            } else {
                endpoint = createForThisRun();
            }
        }
        return endpoint;
    }

    private static PostgresEndpoint createForThisRun() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String name = PREFIX + Instant.now().getEpochSecond() + "_" + HexFormat.of().formatHex(random);
        PostgresEndpoint created = LocalPostgres.database(name);
        dropAbandoned(created);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(created), "test-database-drop"));
        LOG.info("Tests of this run use database " + name + " (dropped at exit)");
        return created;
    }

    private static void dropAbandoned(PostgresEndpoint current) {
        List<String> abandoned = new ArrayList<>();
        long oldest = Instant.now().minus(ABANDONED_AFTER).getEpochSecond();
        try (Connection c = connect(current.withDatabase("postgres"));
                ResultSet rows = c.createStatement().executeQuery(
                        "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (rows.next()) {
                Matcher m = RUN_NAME.matcher(rows.getString(1));
                if (m.matches() && Long.parseLong(m.group(1)) < oldest) {
                    abandoned.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            LOG.warning("Could not list old test databases: " + e.getMessage());
            return;
        }
        abandoned.forEach(name -> drop(current.withDatabase(name)));
    }

    private static void drop(PostgresEndpoint db) {
        try (Connection c = connect(db.withDatabase("postgres"))) {
            // FORCE ends the sessions of service jars a test left running, which would otherwise block the drop.
            c.createStatement().execute("DROP DATABASE IF EXISTS \"" + db.database() + "\" WITH (FORCE)");
        } catch (SQLException e) {
            LOG.warning("Could not drop test database " + db.database() + ": " + e.getMessage());
        }
    }

    private static Connection connect(PostgresEndpoint endpoint) throws SQLException {
        return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(), endpoint.password());
    }
}
