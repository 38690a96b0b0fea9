package io.auditlog.local.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    /** A machine with no PostgreSQL on the probed port still gets a working database: an embedded one. */
    @Test
    void startsAnEmbeddedPostgresWhenNothingAnswers() throws Exception {
        int unused = freePort();
        PostgresEndpoint server = LocalPostgres.findOrStart(unused);
        assertTrue(LocalPostgres.isEmbedded());
        assertNotEquals(unused, server.port());

        PostgresEndpoint db = server.withDatabase("local_postgres_test");
        LocalPostgres.createDatabaseIfMissing(db);
        LocalPostgres.createDatabaseIfMissing(db); // a second call is harmless
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), pg_current_xact_id() IS NOT NULL")) {
            rs.next();
            assertEquals("local_postgres_test", rs.getString(1));
            assertTrue(rs.getBoolean(2), "xid8 functions (PostgreSQL 13+) are available");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
