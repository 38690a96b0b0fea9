package io.auditlog.audit.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.support.Events;
import io.auditlog.common.feed.FeedPosition;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/** The change feed's page query, as PostgreSQL plans it. */
@QuarkusTest
class FeedRepositoryTest {

    @Inject
    AgroalDataSource database;

    @Inject
    Vertx vertx;

    @Inject
    EventRows eventRows;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    /**
     * A transaction that wrote many events (a bulk import) must not make each page of it sort the rest of the feed:
     * the page is read in (tx_id, seq) index order across the partitions, whatever the statistics say about it.
     */
    @Test
    void aPageInsideOneLargeTransactionReadsTheIndexInOrder() throws Exception {
        String account = Events.newAccount();
        String txId;
        long firstSeq;
        try (Connection c = database.getConnection(); var s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO audit.event_key (account_id, event_id, occurred_at) SELECT '" + account
                    + "', 'bulk-' || g, now() FROM generate_series(1, 20000) g");
            s.executeUpdate("INSERT INTO audit.event (account_id, event_id, occurred_at, category, action) SELECT '"
                    + account + "', 'bulk-' || g, now(), 'LOGIN', 'LOGIN' FROM generate_series(1, 20000) g");
            var rs = s.executeQuery("SELECT tx_id::text, min(seq) FROM audit.event WHERE account_id = '" + account
                    + "' GROUP BY tx_id");
            rs.next();
            txId = rs.getString(1);
            firstSeq = rs.getLong(2);
            c.commit();
            c.setAutoCommit(true);
            s.execute("ANALYZE audit.event");
            // Its plan for this position (PostgreSQL's own choice), and the generic one pages are read with (planned
            // once, for no position in particular).
            for (String mode : List.of("auto", "force_generic_plan")) {
                String plan = plan(s, mode, "feed_page(text, bigint, int)", FeedRepository.PAGE,
                        "'" + txId + "', " + firstSeq + ", 1000");
                assertTrue(!plan.contains("\"Node Type\": \"Sort\""), mode + ": a feed page must not sort:\n" + plan);

                // The page read for some actions walks the same index; it only sorts its own page's rows (p.*).
                String filtered = plan(s, mode, "filtered_page(text, bigint, int, text[])",
                        FeedRepository.FILTERED_PAGE, "'" + txId + "', " + firstSeq + ", 1000, '{EXPORT}'");
                List<String> sorted = new ArrayList<>();
                new ObjectMapper().readTree(filtered).findParents("Node Type").stream()
                        .filter(node -> node.get("Node Type").asText().equals("Sort"))
                        .forEach(node -> node.get("Sort Key").forEach(key -> sorted.add(key.asText())));
                assertTrue(sorted.stream().noneMatch(key -> key.startsWith("e.")), mode + ": a filtered feed page "
                        + "sorts only its page's rows, never the table: " + sorted + "\n" + filtered);
                assertTrue(filtered.contains("\"Node Type\": \"Index Scan\""),
                        mode + ": a filtered feed page reads the (tx_id, seq) index:\n" + filtered);
            }
        }
    }

    /** The JSON plan of {@code sql} prepared as {@code signature}, run with {@code arguments} in {@code mode}. */
    private static String plan(Statement s, String mode, String signature, String sql, String arguments)
            throws SQLException {
        String name = signature.substring(0, signature.indexOf('('));
        s.execute("BEGIN");
        s.execute("SET LOCAL plan_cache_mode = " + mode);
        s.execute("PREPARE " + signature + " AS " + sql);
        ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE " + name + "(" + arguments + ")");
        rs.next();
        String plan = rs.getString(1);
        s.execute("DEALLOCATE " + name);
        s.execute("COMMIT");
        return plan;
    }

    /**
     * The repository reads pages with the statement's generic plan: planned once per connection, not for each
     * page (planning over every partition cost as much as reading the page).
     */
    @Test
    void pagesAreReadWithTheGenericPlanAndNotPlannedEachTime() {
        // One connection, prepared statements kept as the service's pool keeps them (Quarkus' default).
        Pool one = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
                .connectingTo(PgConnectOptions.fromUri(reactiveUrl).setUser(user).setCachePreparedStatements(true))
                .using(vertx).build();
        try {
            FeedRepository feed = new FeedRepository(eventRows);
            for (int i = 0; i < 8; i++) {
                one.withTransaction(transaction -> feed.after(transaction, FeedPosition.START, 10, event -> {
                })).await().atMost(Duration.ofSeconds(30));
            }
            Row plans = one.query("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                    + " WHERE statement = '" + FeedRepository.PAGE.replace("'", "''") + "'").execute()
                    .await().atMost(Duration.ofSeconds(30)).iterator().next();
            assertEquals(0L, plans.getLong("custom_plans"), "pages planned for their position");
            assertEquals(8L, plans.getLong("generic_plans"), "pages read with the generic plan");
        } finally {
            one.closeAndAwait();
        }
    }
}
