package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.ids;
import static io.auditlog.audit.support.Api.post;
import static io.auditlog.audit.support.Api.record;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A database that does not answer (here: the tables a request needs are locked by another session, which from the
 * service's side looks like a frozen server) costs a request the configured timeout and a 503 with Retry-After, on
 * every endpoint that reads or writes, never a request that hangs as long as the database does.
 */
@QuarkusTest
@TestProfile(DatabaseTimeoutTest.ShortTimeout.class)
class DatabaseTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.database.request-timeout", TIMEOUT.toSeconds() + "s");
        }
    }

    @Inject
    AgroalDataSource database;

    /** A request, the table whose lock stalls it, and the account (with one event "e") it runs against. */
    record Case(String name, String table, Function<String, Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("ingest", "audit.event_key", a -> as(Tokens.ingest(a)).body(Events.login("late", 1, true))
                        .post("/api/v1/events")),
                new Case("search", "audit.event", a -> as(Tokens.admin(a)).get("/api/v1/events")),
                new Case("event by id", "audit.event_key", a -> as(Tokens.admin(a)).get("/api/v1/events/e")),
                new Case("account", "audit.account", a -> as(Tokens.admin(a)).get("/api/v1/account")),
                new Case("plan", "audit.account", a -> as(Tokens.operator()).body(Map.of("plan", "STARTER"))
                        .put("/internal/v1/accounts/" + a + "/plan")),
                new Case("export (its plan check)", "audit.account",
                        a -> as(Tokens.admin(a)).get("/api/v1/events/export")),
                new Case("feed", "audit.event", a -> as(Tokens.feed()).get("/internal/v1/feed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aStalledDatabaseIsA503WithinTheTimeout(Case c) throws Exception {
        String account = Events.newAccount();
        record(account, List.of(Events.login("e", 2, true)));
        try (Connection lock = database.getConnection()) {
            lock.setAutoCommit(false);
            lockOrFail(lock, c.table());
            long started = System.nanoTime();
            Response response = c.call().apply(account);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(503, response.statusCode(), response.asString());
            response.then().contentType("application/problem+json");
            assertEquals("2", response.header("Retry-After"));
            assertTrue(took.compareTo(TIMEOUT) >= 0 && took.compareTo(TIMEOUT.multipliedBy(3)) < 0,
                    "answered after the timeout, not before and not much later: " + took);
            lock.rollback();
        }
        assertNoTransactionLeftOpen();
    }

    /**
     * The stalled work goes on once the lock is gone and must end its transaction: a request the service stopped
     * waiting for must not leave a connection "idle in transaction" holding locks.
     */
    private void assertNoTransactionLeftOpen() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int open;
        do {
            Thread.sleep(100);
            try (Connection c = database.getConnection();
                    ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                            + " AND state LIKE 'idle in transaction%'")) {
                rows.next();
                open = rows.getInt(1);
            }
        } while (open > 0 && System.nanoTime() < deadline);
        assertEquals(0, open, "sessions left idle in transaction");
    }

    /** The 503 says a retry is safe: the stalled write may still commit, and the retry then finds it stored. */
    @Test
    void anIngestRetriedAfterA503IsStoredOnce() throws Exception {
        String account = Events.newAccount();
        try (Connection lock = database.getConnection()) {
            lock.setAutoCommit(false);
            lockOrFail(lock, "audit.event_key");
            post(account, Events.login("retried", 1, true)).statusCode(503);
            lock.rollback();
        }
        post(account, Events.login("retried", 1, true)).statusCode(oneOf(200, 201));
        assertEquals(List.of("retried"), ids(account, Map.of()));
    }

    /**
     * Locks the table in this transaction; a session the service left open (a timed-out request whose transaction
     * was never ended) would make this wait for ever, and fails the test instead.
     */
    private static void lockOrFail(Connection lock, String table) throws Exception {
        lock.createStatement().execute("SET LOCAL lock_timeout = '10s'");
        lock.createStatement().execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
    }
}
