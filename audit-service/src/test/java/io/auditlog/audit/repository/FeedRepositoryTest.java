package io.auditlog.audit.repository;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.support.Events;
import io.quarkus.test.junit.QuarkusTest;

/** The change feed's page query, as PostgreSQL plans it. */
@QuarkusTest
class FeedRepositoryTest {

    @Inject
    AgroalDataSource database;

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
            s.execute("PREPARE feed_page(text, bigint, int) AS " + FeedRepository.PAGE);
            rs = s.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE feed_page('" + txId + "', " + firstSeq + ", 1000)");
            rs.next();
            String plan = rs.getString(1);
            s.execute("DEALLOCATE feed_page");
            assertTrue(!plan.contains("\"Node Type\": \"Sort\""), "a feed page must not sort:\n" + plan);

            // The page read for some actions walks the same index; it only sorts its own page's rows (p.*).
            s.execute("PREPARE filtered_page(text, bigint, int, text[]) AS " + FeedRepository.FILTERED_PAGE);
            rs = s.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE filtered_page('" + txId + "', " + firstSeq
                    + ", 1000, '{EXPORT}')");
            rs.next();
            String filtered = rs.getString(1);
            s.execute("DEALLOCATE filtered_page");
            List<String> sorted = new ArrayList<>();
            new ObjectMapper().readTree(filtered).findParents("Node Type").stream()
                    .filter(node -> node.get("Node Type").asText().equals("Sort"))
                    .forEach(node -> node.get("Sort Key").forEach(key -> sorted.add(key.asText())));
            assertTrue(sorted.stream().noneMatch(key -> key.startsWith("e.")),
                    "a filtered feed page sorts only its page's rows, never the table: " + sorted + "\n" + filtered);
            assertTrue(filtered.contains("\"Node Type\": \"Index Scan\""),
                    "a filtered feed page reads the (tx_id, seq) index:\n" + filtered);
        }
    }
}
