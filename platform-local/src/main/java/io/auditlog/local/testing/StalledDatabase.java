package io.auditlog.local.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.response.Response;

/**
 * A database that gives the service under test no answer, as a frozen server would, but only for this service's
 * tables: another session holds the locks the requests need, for as long as a test wants. The set-up every
 * {@code DatabaseTimeoutTest} shares: take the locks, send every request at once, check that each answers 503
 * problem+json with Retry-After within a bound; {@link #close()} then cancels the statements left waiting (so none
 * of them commits once the locks are gone) and releases the locks.
 */
public final class StalledDatabase implements AutoCloseable {

    private final Connection locker;

    private StalledDatabase(Connection locker) {
        this.locker = locker;
    }

    /**
     * Runs {@code lockStatements} (e.g. {@code LOCK TABLE ... IN ACCESS EXCLUSIVE MODE}) in a transaction of a
     * session of its own, on the service's database (its {@code quarkus.datasource.jdbc.*} settings).
     */
    public static StalledDatabase holding(String... lockStatements) throws SQLException {
        Config config = ConfigProvider.getConfig();
        Connection locker = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        try {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                for (String statement : lockStatements) {
                    lock.execute(statement);
                }
            }
            return new StalledDatabase(locker);
        } catch (SQLException e) {
            locker.close();
            throw e;
        }
    }

    /** A request of the service's API, named for the failure message. */
    public record Call(String name, Supplier<Response> send) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Sends every call at once; each must answer 503 application/problem+json with Retry-After, and all of them
     * within {@code bound} (a request that waited for the locks would take as long as they are held).
     */
    public void assertEveryCallAnswers503Within(Duration bound, List<Call> calls) throws Exception {
        long started = System.nanoTime();
        List<CompletableFuture<Response>> answers = calls.stream()
                .map(call -> CompletableFuture.supplyAsync(call.send())).toList();
        for (int i = 0; i < calls.size(); i++) {
            Response response = answers.get(i).get(bound.plusSeconds(2).toSeconds(), TimeUnit.SECONDS);
            assertEquals(503, response.statusCode(), calls.get(i) + ": " + response.asString());
            response.then().contentType("application/problem+json");
            assertNotNull(response.header("Retry-After"), calls.get(i) + " says when to retry");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(bound) < 0, "answered within the timeout, took " + took);
    }

    /** Cancels the statements still waiting for the locks, then releases the locks and the session. */
    @Override
    public void close() throws SQLException {
        try (Statement cancel = locker.createStatement()) {
            cancel.execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'");
        } finally {
            try {
                locker.rollback();
            } finally {
                locker.close();
            }
        }
    }
}
