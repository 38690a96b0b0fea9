package io.auditlog.audit.repository;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

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
        }
    }
}
