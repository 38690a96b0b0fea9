package io.auditlog.common.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.auditlog.common.feed.FeedEngine.Outcome;
import io.auditlog.common.feed.FeedEngine.Pass;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The feed engine against the machine's PostgreSQL (127.0.0.1:5432, a database of its own, dropped at the end) and
 * an in-memory feed: exactly once, one transaction per batch, replicas, a held lock, failures, wake-ups and status.
 */
class FeedEngineTest {

    private static final long LOCK_KEY = 0x7465737466656564L;
    private static final String DATABASE = "feed_engine_test_" + UUID.randomUUID().toString().replace("-", "");
    private static Vertx vertx;
    private static Pool admin;
    private static Pool pool;

    /** A feed of numbered records; a position is the number of records before it ('' is 0). */
    record Item(int n, Instant recordedAt) {
    }

    private final List<Item> feed = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger reads = new AtomicInteger();

    @BeforeAll
    static void database() {
        vertx = Vertx.vertx();
        admin = pool("postgres");
        admin.query("CREATE DATABASE " + DATABASE).execute().await().indefinitely();
        pool = pool(DATABASE);
    }

    @AfterAll
    static void drop() {
        pool.close().await().indefinitely();
        admin.query("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)").execute().await().indefinitely();
        admin.close().await().indefinitely();
        vertx.close().await().indefinitely();
    }

    private static Pool pool(String database) {
        PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setUser("postgres")
                .setDatabase(database);
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(6)).connectingTo(options).using(vertx)
                .build();
    }

    @BeforeEach
    void tables() {
        pool.query("""
                DROP TABLE IF EXISTS position_row, applied;
                CREATE TABLE position_row (feed text PRIMARY KEY, position text NOT NULL,
                                           consumed bigint NOT NULL DEFAULT 0,
                                           updated_at timestamptz NOT NULL DEFAULT now());
                INSERT INTO position_row (feed, position) VALUES ('test', '');
                CREATE TABLE applied (n integer NOT NULL, tx xid8 NOT NULL DEFAULT pg_current_xact_id())""")
                .execute().await().indefinitely();
    }

    private void publish(int count) {
        Instant at = Instant.now().minusSeconds(60);
        synchronized (feed) {
            int first = feed.size();
            for (int i = 0; i < count; i++) {
                feed.add(new Item(first + i, at));
            }
        }
    }

    private Uni<FeedPage<Item>> read(String after, int limit) {
        reads.incrementAndGet();
        int from = after.isEmpty() ? 0 : Integer.parseInt(after);
        synchronized (feed) {
            List<Item> items = List.copyOf(feed.subList(from, Math.min(feed.size(), from + limit)));
            return Uni.createFrom().item(new FeedPage<>(items, String.valueOf(from + items.size())));
        }
    }

    private static Uni<Integer> insert(SqlConnection tx, FeedPage<Item> page) {
        List<Tuple> rows = page.items().stream().map(i -> Tuple.of(i.n())).toList();
        return rows.isEmpty() ? Uni.createFrom().item(0)
                : tx.preparedQuery("INSERT INTO applied (n) VALUES ($1)").executeBatch(rows).replaceWith(rows.size());
    }

    private FeedEngine.Builder<Item> engine(int pageSize, int pagesPerTransaction) {
        return FeedEngine.<Item> builder("test", pool, FeedPositions.of("public.position_row", "feed", "test",
                "consumed", LOCK_KEY)).source(this::read).handler(FeedEngineTest::insert).pageSize(pageSize)
                .pagesPerTransaction(pagesPerTransaction).timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .recordedAt(Item::recordedAt);
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    private String position() {
        return pool.query("SELECT position FROM position_row").execute().await().indefinitely().iterator().next()
                .getString(0);
    }

    @Test
    void fullPagesAreReadAheadAndAppliedWithThePositionInOneTransaction() {
        publish(7);
        try (FeedEngine<Item> engine = engine(2, 3).build()) {
            Pass first = engine.pass().await().indefinitely();
            assertEquals(new Pass(Outcome.APPLIED, 6, 6, true), first, "three full pages of two, in one pass");
            assertEquals(1, count("SELECT count(DISTINCT tx) FROM applied"), "one transaction");
            assertEquals("6", position());
            Pass second = engine.pass().await().indefinitely();
            assertEquals(new Pass(Outcome.APPLIED, 1, 1, false), second);
            assertEquals(Outcome.CAUGHT_UP, engine.pass().await().indefinitely().outcome());
            assertEquals(7, count("SELECT count(*) FROM applied"));
            assertEquals(7, count("SELECT consumed FROM position_row"));
            assertEquals(7, engine.status().recordsApplied());
            assertEquals("7", engine.status().position());
            assertEquals(Duration.ZERO, engine.status().lag().orElseThrow());
        }
    }

    /**
     * The batch after a full one is read while the full one's transaction runs (the test's producer answers at once,
     * so that read is done when the handler runs), and the next pass applies it instead of reading again. A
     * read-ahead after a position that the next pass does not start from is not used.
     */
    @Test
    void theNextBatchIsReadWhileAFullOneIsAppliedAndUsedOnlyFromItsPosition() {
        publish(5);
        AtomicInteger readsWhileApplying = new AtomicInteger(-1);
        try (FeedEngine<Item> engine = engine(2, 1).handler((tx, page) -> {
            readsWhileApplying.set(reads.get());
            return insert(tx, page);
        }).build()) {
            assertEquals(new Pass(Outcome.APPLIED, 2, 2, true), engine.pass().await().indefinitely());
            assertEquals(2, readsWhileApplying.get(), "the batch after \"2\" was read before the transaction ran");
            assertEquals(new Pass(Outcome.APPLIED, 2, 2, true), engine.pass().await().indefinitely());
            assertEquals(3, readsWhileApplying.get(), "the read-ahead was applied, the batch not read again");
            assertEquals("4", position());
            // Another hand moves the position: the read-ahead after "4" ([4]) must give way to a read after "3".
            pool.query("UPDATE position_row SET position = '3'").execute().await().indefinitely();
            assertEquals(new Pass(Outcome.APPLIED, 2, 2, true), engine.pass().await().indefinitely());
            assertEquals("5", position());
            assertEquals(2, count("SELECT count(*) FROM applied WHERE n = 3"), "3 and 4 again, after \"3\"");
        }
    }

    /** A read-ahead that failed (the producer had a moment's trouble) is read again by the pass that needs it. */
    @Test
    void aFailedReadAheadIsReadAgain() {
        publish(4);
        AtomicInteger calls = new AtomicInteger();
        try (FeedEngine<Item> engine = engine(2, 1).source((after, limit) -> calls.incrementAndGet() == 2
                ? Uni.createFrom().failure(new IllegalStateException("the producer restarts"))
                : read(after, limit)).build()) {
            assertEquals(new Pass(Outcome.APPLIED, 2, 2, true), engine.pass().await().indefinitely());
            assertEquals(2, calls.get(), "the read-ahead after \"2\" was tried, and failed");
            assertEquals(new Pass(Outcome.APPLIED, 2, 2, true), engine.pass().await().indefinitely());
            assertEquals(4, calls.get(), "read again, then the read-ahead after \"4\"");
            assertEquals("4", position());
            assertEquals(4, count("SELECT count(DISTINCT n) FROM applied"));
        }
    }

    /**
     * A producer read with a filter passes records that are not items (the change feed's {@code action}): only
     * every third record here. A page that passed a whole page's records is full even with one item or none, so the
     * engine reads on and the position and the count cover every record passed, not only the items.
     */
    @Test
    void aFilteredPageIsFullWhenItPassedAWholePage() {
        publish(10);
        FeedEngine.Source<Item> everyThird = (after, limit) -> read(after, limit).map(page -> new FeedPage<>(
                page.items().stream().filter(i -> i.n() % 3 == 0).toList(), page.next(), page.items().size()));
        try (FeedEngine<Item> engine = engine(4, 2).source(everyThird).build()) {
            Pass first = engine.pass().await().indefinitely();
            assertEquals(new Pass(Outcome.APPLIED, 8, 3, true), first, "two full pages passed, items 0, 3 and 6");
            assertEquals("8", position());
            assertEquals(8, count("SELECT consumed FROM position_row"));
            Pass second = engine.pass().await().indefinitely();
            assertEquals(new Pass(Outcome.APPLIED, 2, 1, false), second, "records 8 and 9, item 9");
            assertEquals(Outcome.CAUGHT_UP, engine.pass().await().indefinitely().outcome());
            assertEquals(List.of(0, 3, 6, 9), pool.query("SELECT n FROM applied ORDER BY n").execute().await()
                    .indefinitely().stream().map(r -> r.getInteger(0)).toList());
            assertEquals(10, count("SELECT consumed FROM position_row"));
            assertEquals(10, engine.status().recordsApplied());
        }
    }

    @Test
    void aFailingHandlerLeavesPositionAndEffectsAsTheyWere() {
        publish(3);
        AtomicInteger calls = new AtomicInteger();
        try (FeedEngine<Item> engine = engine(10, 1).handler((tx, page) -> insert(tx, page)
                .chain(n -> calls.incrementAndGet() == 1 ? Uni.createFrom().failure(new IllegalStateException("boom"))
                        : Uni.createFrom().item(n)))
                .build()) {
            assertThrows(IllegalStateException.class, () -> engine.pass().await().indefinitely());
            assertEquals("", position());
            assertEquals(0, count("SELECT count(*) FROM applied"));
            assertEquals(Outcome.APPLIED, engine.pass().await().indefinitely().outcome());
            assertEquals(3, count("SELECT count(*) FROM applied"));
        }
    }

    @Test
    void aHeldLockIsLeftToItsHolderAndAMovedPositionIsReadAgain() {
        publish(4);
        try (FeedEngine<Item> engine = engine(10, 1).build()) {
            SqlConnection rebuild = pool.getConnection().await().indefinitely();
            try {
                rebuild.begin().await().indefinitely();
                assertEquals("", engine.lock(rebuild).await().indefinitely());
                assertEquals(null, rebuild.query("SELECT pg_current_xact_id_if_assigned()").execute().await()
                        .indefinitely().iterator().next().getValue(0),
                        "holding the lock takes no transaction id, so it holds back no feed on the database");
                assertEquals(Outcome.BUSY, engine.pass().await().indefinitely().outcome());
                assertEquals(0, count("SELECT count(*) FROM applied"));
            } finally {
                rebuild.close().await().indefinitely(); // rolls back
            }
            FeedPage<Item> stale = read("", 10).await().indefinitely();
            assertEquals(Outcome.APPLIED, engine.pass().await().indefinitely().outcome());
            Pass again = pool.withTransaction(tx -> engine.applyRead(tx, "", stale, false)).await().indefinitely();
            assertEquals(Outcome.MOVED, again.outcome(), "a page read after an older position changes nothing");
            assertEquals(4, count("SELECT count(*) FROM applied"));
        }
    }

    @Test
    void replicasSideBySideApplyEveryRecordOnce() throws Exception {
        List<FeedEngine<Item>> replicas = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            replicas.add(engine(5, 2).build());
        }
        try {
            for (int round = 0; round < 20; round++) {
                publish(13);
                replicas.forEach(FeedEngine::wake);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!position().equals("260") && System.nanoTime() < deadline) {
                replicas.forEach(FeedEngine::wake);
                Thread.sleep(50);
            }
            assertEquals("260", position());
            assertEquals(260, count("SELECT count(*) FROM applied"));
            assertEquals(260, count("SELECT count(DISTINCT n) FROM applied"), "none twice");
            assertEquals(260, replicas.stream().mapToLong(r -> r.status().recordsApplied()).sum());
        } finally {
            replicas.forEach(FeedEngine::close);
        }
    }

    @Test
    void aWakeDrainsTheFeedWhilePagesComeBackFull() throws Exception {
        publish(95);
        try (FeedEngine<Item> engine = engine(10, 2).build()) {
            engine.wake();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!position().equals("95") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("95", position(), "one wake, every page");
            assertEquals(95, count("SELECT count(*) FROM applied"));
        }
    }

    @Test
    void theLagIsKnownWhileBehindAndZeroOnceCaughtUp() {
        publish(6);
        try (FeedEngine<Item> engine = engine(2, 1).build()) {
            assertTrue(engine.status().lag().isEmpty(), "unknown before the first look");
            engine.pass().await().indefinitely();
            Duration behind = engine.status().lag().orElseThrow();
            assertTrue(behind.compareTo(Duration.ofSeconds(59)) > 0, "as old as the newest record applied: " + behind);
            while (engine.pass().await().indefinitely().outcome() == Outcome.APPLIED) {
                // to the end
            }
            assertEquals(Duration.ZERO, engine.status().lag().orElseThrow());
        }
    }

    @Test
    void aProducerThatDoesNotAnswerFailsThePassWithinTheFetchTimeout() {
        try (FeedEngine<Item> engine = engine(10, 1).source((after, limit) -> Uni.createFrom().nothing())
                .timeouts(Duration.ofMillis(300), Duration.ofSeconds(5)).build()) {
            long started = System.nanoTime();
            assertThrows(FeedEngine.FeedUnavailableException.class, () -> engine.pass().await().indefinitely());
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(3).toNanos());
            assertEquals("", position());
        }
    }
}
