package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.ids;
import static io.auditlog.audit.support.Api.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.support.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Every connection the service holds is cut, as a PostgreSQL restart or failover would; it must carry on. */
@QuarkusTest
class DatabaseOutageTest {

    @Inject
    AgroalDataSource database;

    @Test
    void ingestAndQueriesWorkRightAfterTheDatabaseDroppedEveryConnection() throws Exception {
        String account = Events.newAccount();
        post(account, Events.login("before", 2, true)).statusCode(201);

        dropAllOtherConnections();

        // A pooled connection whose end the service has not noticed yet may fail the first request: that answer
        // must be a 503 with Retry-After (never a 500), and the retry the client is told to make must succeed.
        ExtractableResponse<Response> first = post(account, Events.login("after", 1, true)).extract();
        if (first.statusCode() != 201) {
            assertEquals(503, first.statusCode(), first.asString());
            assertEquals("2", first.header("Retry-After"));
            post(account, Events.login("after", 1, true)).statusCode(201);
        }
        assertEquals(List.of("after", "before"), ids(account, Map.of()));
        // The JDBC pool (reports) does not test a connection before handing it out: drop the ones ended above, so
        // that tests after this one do not pick them up for their own queries.
        database.flush(AgroalDataSource.FlushMode.ALL);
    }

    private void dropAllOtherConnections() throws Exception {
        try (Connection c = database.getConnection()) {
            c.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
    }
}
