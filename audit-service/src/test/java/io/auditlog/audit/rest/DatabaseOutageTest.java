package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.post;
import static io.auditlog.audit.support.Api.search;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.support.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

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
        try {
            // Every pooled connection whose end the service has not noticed yet may fail one request, the query's as
            // well as the ingest's: each such answer must be a 503 with Retry-After (never a 500), and the retries the
            // client is told to make must succeed before the pool has run through its dead connections.
            untilNot503(() -> post(account, Events.login("after", 1, true)).extract()).statusCode(201);
            List<String> ids = untilNot503(() -> search(account, Map.of()).extract()).statusCode(200)
                    .extract().jsonPath().getList("items.id", String.class);
            assertEquals(List.of("after", "before"), ids);
        } finally {
            // The JDBC pool (reports) does not test a connection before handing it out: drop the ones ended above, so
            // that tests after this one do not pick them up for their own queries, whatever happened here.
            database.flush(AgroalDataSource.FlushMode.ALL);
        }
    }

    /**
     * The answer after retrying each 503 as its Retry-After asks (at once here), more often than the pool has
     * connections.
     */
    private static ValidatableResponse untilNot503(Supplier<ExtractableResponse<Response>> request) {
        ExtractableResponse<Response> answer = request.get();
        for (int retry = 0; retry < 50 && answer.statusCode() == 503; retry++) {
            assertEquals("2", answer.header("Retry-After"), answer.asString());
            answer = request.get();
        }
        return answer.response().then();
    }

    private void dropAllOtherConnections() throws Exception {
        try (Connection c = database.getConnection()) {
            c.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
    }
}
