package io.auditlog.analytics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.analytics.feed.ConsumerLock;
import io.auditlog.analytics.feed.FeedConsumer;
import io.auditlog.analytics.support.Analytics;
import io.auditlog.analytics.support.Audit;
import io.auditlog.analytics.support.Dataset;
import io.auditlog.analytics.support.Rollups;
import io.auditlog.common.feed.FeedEngine;
import io.auditlog.common.feed.FeedEvent;
import io.auditlog.common.feed.FeedPage;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A page applied twice, a consumer that dies before its commit, and a rebuild from the start of the feed: none
 * counts an event twice or loses one.
 */
@QuarkusTest
class ConsumerReplayTest {

    @Inject
    Pool pool;
    @Inject
    FeedConsumer consumer;
    @Inject
    ConsumerLock lock;

    @Test
    void aPageReadAfterAnOlderPositionChangesNothing() throws Exception {
        String account = Audit.newAccount();
        Dataset data = recent(11, 30);
        Audit.record(account, data.events());
        long logins = data.count(Dataset.category("LOGIN"));
        Analytics.await(account, "summary", Map.of(), s -> Analytics.total(s, "logins") == logins);

        // The same events again, as a replica that read them after a position it no longer holds would apply them.
        String stale = "not-the-stored-position";
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        List<FeedEvent> again = List.of(new FeedEvent("e-again", account, at, at, "LOGIN", "LOGIN_FAILED", "LOGIN",
                new FeedEvent.Actor("u-1", null, null, "USER", null, List.of()), null, null, null, null));
        // BUSY is another pass holding the consumer's lock (the service's own, or a rebuild another test started):
        // it says nothing about the stale read, so the read is applied again once the lock is free.
        FeedEngine.Pass pass;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        do {
            pass = pool.withTransaction(tx -> consumer.applyRead(tx, stale, new FeedPage<>(again, "next")))
                    .await().indefinitely();
            if (pass.outcome() == FeedEngine.Outcome.BUSY) {
                Thread.sleep(100);
            }
        } while (pass.outcome() == FeedEngine.Outcome.BUSY && System.nanoTime() < deadline);

        assertEquals(FeedEngine.Outcome.MOVED, pass.outcome());
        assertEquals(0, pass.applied());
        assertEquals(logins, loginsIn(account));
    }

    @Test
    void aConsumerThatDiesBeforeItsCommitLeavesNoTrace() throws Exception {
        String account = Audit.newAccount();
        Dataset data = recent(12, 40);
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            // This "replica" holds the consumer lock first, so the service's own consumer leaves the events to it.
            connection.begin().await().indefinitely();
            lock.lock(connection).await().indefinitely();
            Audit.record(account, data.events());
            // Until every new event is applied: the feed legitimately holds them back while any other session's
            // write transaction that began before them is still open (another test's, or another service's).
            long applied = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (applied < data.events().size() && System.nanoTime() < deadline) {
                int pass = consumer.applyNextPage(connection).await().indefinitely().applied();
                applied += pass;
                if (pass == 0) {
                    Thread.sleep(100);
                }
            }
            assertTrue(applied >= data.events().size(), "the dying replica applied the new events");
            assertEquals(data.events().size(), eventsIn(connection, account), "and counted them, uncommitted");
        } finally {
            // The crash: the transaction never commits (the connection dies with the replica).
            connection.close().await().indefinitely();
        }

        long total = data.events().size();
        Analytics.await(account, "series", Map.of("groupBy", "category"), s -> bucketTotal(s) == total);
        // Drive the consumer to the end of the feed here: whatever is left to apply, nothing is counted twice.
        while (pool.withTransaction(consumer::applyNextPage).await().indefinitely().applied() > 0) {
            // next page
        }
        assertEquals(total, eventsIn(pool, account));
    }

    @Test
    void aRebuildReplaysTheFeedToTheSameNumbers() throws Exception {
        String account = Audit.newAccount();
        Dataset data = recent(13, 60);
        Audit.record(account, data.events());
        long total = data.events().size();
        JsonNode before = Analytics.await(account, "series", Map.of("groupBy", "action", "tz", "Asia/Kolkata"),
                s -> bucketTotal(s) == total);
        JsonNode summaryBefore = Analytics.get(Audit.admin(account), "summary", Map.of("tz", "Asia/Kolkata")).then()
                .statusCode(200).extract().as(JsonNode.class);
        double rebuildsBefore = Rollups.metric("analytics_rollup_rebuilds_total");

        JsonNode result = given().auth().oauth2(Audit.operator()).post("/internal/v1/analytics/rebuild").then()
                .statusCode(202).extract().as(JsonNode.class);
        assertTrue(result.path("rollupRowsCleared").asLong() > 0);
        assertTrue(result.path("eventsCleared").asLong() >= total);
        assertEquals(rebuildsBefore + 1, Rollups.metric("analytics_rollup_rebuilds_total"));

        // The whole feed is replayed: wait until the consumer's position reaches the feed's head (however long the
        // feed of this run is, as long as the consumer keeps applying events), then the answers must be the same.
        Rollups.FeedTail feed = Rollups.feedAfter("");
        JsonNode replayed = Rollups.awaitPosition(feed.head());
        assertEquals(feed.events(), replayed.path("eventsApplied").asLong(), "every event of the feed, once");
        JsonNode after = Analytics.get(Audit.admin(account), "series", Map.of("groupBy", "action", "tz",
                "Asia/Kolkata")).then().statusCode(200).extract().as(JsonNode.class);
        assertEquals(before, after);
        JsonNode summaryAfter = Analytics.get(Audit.admin(account), "summary", Map.of("tz", "Asia/Kolkata")).then()
                .statusCode(200).extract().as(JsonNode.class);
        assertEquals(summaryBefore, summaryAfter);
    }

    /** Events of the last few days, so that the default range (the last 30 days) holds them all. */
    private static Dataset recent(long seed, int n) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Dataset.of(seed, now.minus(5, ChronoUnit.DAYS), now.minus(1, ChronoUnit.MINUTES), n, List.of());
    }

    private long loginsIn(String account) throws Exception {
        return Analytics.total(Analytics.get(Audit.admin(account), "summary", Map.of()).then().statusCode(200)
                .extract().as(JsonNode.class), "logins");
    }

    /** The account's events in the hour rollup, as {@code client} (a transaction, or the pool) sees them. */
    private static long eventsIn(SqlClient client, String account) {
        return client.preparedQuery("SELECT coalesce(sum(events), 0)::bigint AS n FROM analytics.activity_hour"
                + " WHERE account_id = $1").execute(Tuple.of(account)).await().indefinitely().iterator().next()
                .getLong("n");
    }

    private static long bucketTotal(JsonNode series) {
        long total = 0;
        for (JsonNode bucket : series.path("buckets")) {
            total += bucket.path("count").asLong();
        }
        return total;
    }
}
