package io.auditlog.common.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.auditlog.common.work.WakeupLoop;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Consumes one producer's feed, exactly once, from a position stored in the consuming service's schema: the one
 * feed-consumer engine of the platform. A pass reads the stored position, reads the pages after it (up to
 * {@code pagesPerTransaction} while they come back full) with no transaction open, then applies them in ONE
 * transaction ({@code pool.withTransaction}) that takes the consumer's lock (a transaction-scoped advisory lock,
 * without waiting), checks the row still holds the position the pages were read after, advances it and runs the
 * handler: the effects and the position commit together. A replica that finds the lock taken leaves the work to the
 * one holding it; one that finds the position moved reads again. Why this lock: docs/decisions.md, "Feed contract
 * and the one feed-consumer engine".
 *
 * <p>
 * Passes run on a {@link WakeupLoop} of their own: {@link #wake()} from a doorbell (NOTIFY), a timer or a local
 * change; it keeps going while pages come back full. The HTTP read and the transaction are each bounded in time.
 * Its state for metrics and status is kept in atomics: passes, tests and metric scrapes run on different threads.
 */
public final class FeedEngine<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FeedEngine.class);
    private static final long PROGRESS_EVERY = 100_000;

    /** Reads the page after a position ('' for the start) from the producer. */
    @FunctionalInterface
    public interface Source<T> {
        Uni<FeedPage<T>> read(String after, int limit);
    }

    /** What a page causes, written on the transaction that also advances the position; answers its effects. */
    @FunctionalInterface
    public interface Handler<T> {
        Uni<Integer> apply(SqlConnection transaction, FeedPage<T> page);
    }

    /** How a pass ended. */
    public enum Outcome {
        /** Records applied and the position advanced (committed, for {@link #pass()}). */
        APPLIED,
        /** Nothing new in the feed. */
        CAUGHT_UP,
        /** The stored position moved since it was read (another replica applied the pages): read again. */
        MOVED,
        /** Another transaction holds the lock: that replica is applying, or a rebuild is under way. */
        BUSY
    }

    /** What a pass did: its outcome, the records applied, the handler's effects, and whether more may be waiting. */
    public record Pass(Outcome outcome, int applied, int effects, boolean full) {

        static Pass of(Outcome outcome) {
            return new Pass(outcome, 0, 0, false);
        }

        /** Whether the loop should go round again at once. */
        public boolean more() {
            return outcome == Outcome.APPLIED && full || outcome == Outcome.MOVED;
        }
    }

    /**
     * What a service shows of the consumer (metrics, status): the position last read or applied (null before the
     * first pass), records applied and their effects since this replica started, when it last applied records, and
     * the lag, empty until it is known.
     */
    public record Status(String position, long recordsApplied, long effects, Instant lastAppliedAt,
            Optional<Duration> lag) {
    }

    private final String name;
    private final Pool pool;
    private final FeedPositions positions;
    private final Source<T> source;
    private final Handler<T> handler;
    private final int pageSize;
    private final int pagesPerTransaction;
    private final Duration fetchTimeout;
    private final Duration transactionTimeout;
    private final Function<T, Instant> recordedAt;
    private final Consumer<Pass> afterCommit;
    private final WakeupLoop loop;

    private final AtomicReference<String> position = new AtomicReference<>();
    private final AtomicLong recordsApplied = new AtomicLong();
    private final AtomicLong effects = new AtomicLong();
    private final AtomicReference<Instant> lastAppliedAt = new AtomicReference<>();
    /** Since when the consumer is known to be behind (the recording time of what it has yet to apply); null: caught up. */
    private final AtomicReference<Instant> behindSince = new AtomicReference<>();
    private final AtomicReference<Instant> lastCaughtUpAt = new AtomicReference<>();
    private final AtomicLong drainApplied = new AtomicLong();
    private final AtomicLong drainStarted = new AtomicLong();
    private final AtomicReference<ReadAhead<T>> readAhead = new AtomicReference<>();

    private FeedEngine(Builder<T> b) {
        this.name = b.name;
        this.pool = b.pool;
        this.positions = b.positions;
        this.source = Objects.requireNonNull(b.source, "source");
        this.handler = Objects.requireNonNull(b.handler, "handler");
        this.pageSize = b.pageSize;
        this.pagesPerTransaction = b.pagesPerTransaction;
        this.fetchTimeout = b.fetchTimeout;
        this.transactionTimeout = b.transactionTimeout;
        this.recordedAt = b.recordedAt;
        this.afterCommit = b.afterCommit;
        this.loop = new WakeupLoop("feed-" + name, () -> pass().await()
                .atMost(fetchTimeout.multipliedBy(pagesPerTransaction).plus(transactionTimeout.multipliedBy(2)))
                .more(), this::failed, b.settle);
    }

    public static <T> Builder<T> builder(String name, Pool pool, FeedPositions positions) {
        return new Builder<>(name, pool, positions);
    }

    /** Makes the engine read the feed now; returns at once (a doorbell, a timer, a local change). */
    public void wake() {
        loop.wake();
    }

    /** One pass, committed: read the pages after the stored position and apply them in one transaction. */
    public Uni<Pass> pass() {
        return positions.read(pool).ifNoItem().after(transactionTimeout).fail()
                .invoke(stored -> position.set(stored.position()))
                .chain(stored -> batchAfter(stored.position()).chain(batch -> batch.items().isEmpty()
                        && batch.next().equals(stored.position()) ? Uni.createFrom().item(Pass.of(Outcome.CAUGHT_UP))
                                : commit(stored.position(), batch)))
                .invoke(this::account);
    }

    /** Applies a batch read after {@code after} in a transaction of its own, reading the next one meanwhile. */
    private Uni<Pass> commit(String after, Batch<T> batch) {
        readAheadAfter(batch);
        return pool.withTransaction(tx -> applyRead(tx, after, batch.page(), batch.full()))
                .ifNoItem().after(transactionTimeout).fail()
                .invoke(pass -> {
                    if (pass.outcome() == Outcome.APPLIED) {
                        position.set(batch.next());
                    }
                    lagAfter(pass, batch);
                });
    }

    /**
     * One pass inside the caller's transaction, which commits it or not: take the lock (or leave the work to another
     * transaction holding it), read the pages after the stored position and apply them. For a caller that holds the
     * lock already (a test playing a replica that dies before its commit); the engine's own passes read the pages
     * before their transaction begins.
     */
    public Uni<Pass> applyNext(SqlConnection transaction) {
        return positions.tryLock(transaction).chain(locked -> locked.isEmpty()
                ? Uni.createFrom().item(Pass.of(Outcome.BUSY))
                : fetch(locked.get()).chain(batch -> batch.items().isEmpty() && batch.next().equals(locked.get())
                        ? Uni.createFrom().item(Pass.of(Outcome.CAUGHT_UP))
                        : applyRead(transaction, locked.get(), batch.page(), batch.full())));
    }

    /**
     * Applies {@code page}, read after position {@code after}, on the caller's transaction if the stored position is
     * still {@code after} (it takes the lock, or finds it held: BUSY); otherwise MOVED, and nothing changes.
     */
    public Uni<Pass> applyRead(SqlConnection transaction, String after, FeedPage<T> page, boolean full) {
        return positions.tryLock(transaction).chain(locked -> {
            if (locked.isEmpty()) {
                return Uni.createFrom().item(Pass.of(Outcome.BUSY));
            }
            if (!locked.get().equals(after)) {
                return Uni.createFrom().item(Pass.of(Outcome.MOVED));
            }
            return positions.advance(transaction, after, page.next(), page.covered())
                    .chain(advanced -> !advanced ? Uni.createFrom().item(Pass.of(Outcome.MOVED))
                            : handler.apply(transaction, page).map(made -> new Pass(Outcome.APPLIED,
                                    page.covered(), made, full)));
        });
    }

    /** Takes the consumer's lock for the caller's transaction, waiting for a page being applied (a rebuild). */
    public Uni<String> lock(SqlConnection transaction) {
        return positions.lock(transaction);
    }

    /** The engine's position table row. */
    public FeedPositions positions() {
        return positions;
    }

    public Status status() {
        Instant since = behindSince.get();
        Optional<Duration> lag = since == null
                ? Optional.ofNullable(lastCaughtUpAt.get()).map(at -> Duration.ZERO)
                : Optional.of(Duration.between(since, Instant.now()));
        return new Status(position.get(), recordsApplied.get(), effects.get(), lastAppliedAt.get(), lag);
    }

    @Override
    public void close() {
        loop.close();
        ReadAhead<T> ahead = readAhead.getAndSet(null);
        if (ahead != null) {
            ahead.batch().cancel(true);
        }
    }

    /**
     * The batch after {@code after}: the one read ahead during the last transaction if it was read after that same
     * position, else a fresh read. A read-ahead that failed is read again: it may have met a moment's trouble.
     */
    private Uni<Batch<T>> batchAfter(String after) {
        ReadAhead<T> ahead = readAhead.getAndSet(null);
        if (ahead == null || !ahead.after().equals(after)) {
            return fetch(after);
        }
        return Uni.createFrom().completionStage(ahead.batch()).onFailure().recoverWithUni(() -> fetch(after));
    }

    /**
     * After a full batch the next is likely full too: its read starts now, on the producer and the network, while
     * this batch's transaction runs on the database, instead of after it. Only the read is early: what is applied,
     * and from which position, is decided as before, so a read-ahead that turns out not to follow the stored
     * position (another replica moved it, the transaction failed) is dropped unused.
     */
    private void readAheadAfter(Batch<T> batch) {
        if (batch.full()) {
            readAhead.set(new ReadAhead<>(batch.next(), fetch(batch.next()).subscribeAsCompletionStage()));
        }
    }

    /**
     * The records after {@code after}: up to pagesPerTransaction pages, while each comes back full. A page is full
     * when it passed as many records as asked for, whether or not all of them were items (a filtered read).
     */
    private Uni<Batch<T>> fetch(String after) {
        return fetch(after, new ArrayList<>(), 0, 1);
    }

    private Uni<Batch<T>> fetch(String after, List<T> items, int covered, int pages) {
        return source.read(after, pageSize).ifNoItem().after(fetchTimeout)
                .failWith(() -> new FeedUnavailableException("The " + name + " feed did not answer within "
                        + fetchTimeout.toMillis() + " ms"))
                .chain(page -> {
                    items.addAll(page.items());
                    boolean full = page.covered() >= pageSize;
                    String next = page.next() == null ? after : page.next();
                    int passed = covered + page.covered();
                    if (full && pages < pagesPerTransaction) {
                        return fetch(next, items, passed, pages + 1);
                    }
                    return Uni.createFrom().item(new Batch<>(items, next, passed, full));
                });
    }

    private void account(Pass pass) {
        Instant now = Instant.now();
        switch (pass.outcome()) {
            case APPLIED -> {
                long before = recordsApplied.getAndAdd(pass.applied());
                effects.addAndGet(pass.effects());
                lastAppliedAt.set(now);
                drainStarted.compareAndSet(0, System.nanoTime());
                drainApplied.addAndGet(pass.applied());
                if ((before + pass.applied()) / PROGRESS_EVERY > before / PROGRESS_EVERY) {
                    LOG.infof("Feed %s: %,d records applied since this replica started", name,
                            before + pass.applied());
                }
                if (pass.effects() > 0) {
                    LOG.debugf("Feed %s: %d effects from %d records", name, pass.effects(), pass.applied());
                }
                afterCommit.accept(pass);
            }
            case CAUGHT_UP -> {
                behindSince.set(null);
                lastCaughtUpAt.set(now);
                long applied = drainApplied.getAndSet(0);
                long started = drainStarted.getAndSet(0);
                if (applied >= pageSize && started != 0) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    LOG.infof("Feed %s caught up: %,d records applied in %.1f s (%,.0f records/s)", name, applied,
                            seconds, applied / Math.max(seconds, 1e-9));
                }
            }
            default -> {
                // MOVED or BUSY: another replica is applying; its progress is its own.
            }
        }
    }

    /**
     * After a committed batch: a batch that was not full held everything there was (caught up as of its read); after
     * a full one, the consumer is at least as far behind as its newest record's recording time, when that is known.
     */
    private void lagAfter(Pass pass, Batch<T> batch) {
        if (pass.outcome() != Outcome.APPLIED) {
            return;
        }
        if (!batch.full()) {
            behindSince.set(null);
            lastCaughtUpAt.set(Instant.now());
        } else if (recordedAt != null && !batch.items().isEmpty()) {
            behindSince.set(recordedAt.apply(batch.items().get(batch.items().size() - 1)));
        }
    }

    private void failed(Exception e) {
        behindSince.compareAndSet(null, lastCaughtUpAt.get());
        LOG.warnf("Feed %s: reading or applying a page failed, the next ring retries: %s", name, e.toString());
    }

    /** A batch read, or still being read, after {@code after}, for the pass that starts there. */
    private record ReadAhead<T>(String after, CompletableFuture<Batch<T>> batch) {
    }

    /**
     * Pages read for one transaction, as one page: its items, the records they passed ({@code covered}, more than the
     * items when read with a filter), and {@code full} when the last one came back full.
     */
    private record Batch<T>(List<T> items, String next, int covered, boolean full) {
        FeedPage<T> page() {
            return new FeedPage<>(items, next, covered);
        }
    }

    /** The producer could not be read (down, too slow, or answered something other than a page). */
    public static class FeedUnavailableException extends RuntimeException {
        public FeedUnavailableException(String message) {
            super(message);
        }

        public FeedUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The engine's settings; every one has a default but the source and the handler. */
    public static final class Builder<T> {
        private final String name;
        private final Pool pool;
        private final FeedPositions positions;
        private Source<T> source;
        private Handler<T> handler;
        private int pageSize = 500;
        private int pagesPerTransaction = 1;
        private Duration fetchTimeout = Duration.ofSeconds(30);
        private Duration transactionTimeout = Duration.ofSeconds(30);
        private Duration settle = Duration.ZERO;
        private Function<T, Instant> recordedAt;
        private Consumer<Pass> afterCommit = pass -> {
        };

        private Builder(String name, Pool pool, FeedPositions positions) {
            this.name = name;
            this.pool = pool;
            this.positions = positions;
        }

        public Builder<T> source(Source<T> source) {
            this.source = source;
            return this;
        }

        public Builder<T> handler(Handler<T> handler) {
            this.handler = handler;
            return this;
        }

        /** Records asked for per page. */
        public Builder<T> pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** Full pages read before one transaction applies them together (catching up). */
        public Builder<T> pagesPerTransaction(int pages) {
            this.pagesPerTransaction = Math.max(1, pages);
            return this;
        }

        /** The longest wait for one page from the producer, and for the database (the read, the transaction). */
        public Builder<T> timeouts(Duration fetch, Duration transaction) {
            this.fetchTimeout = fetch;
            this.transactionTimeout = transaction;
            return this;
        }

        /** When a record was recorded by its producer: makes the lag known. */
        public Builder<T> recordedAt(Function<T, Instant> recordedAt) {
            this.recordedAt = recordedAt;
            return this;
        }

        /**
         * How long the engine, woken while idle, waits before reading: a consumer that may lag a little (the
         * sealer) reads a trickle of single-event transactions in one pass instead of one pass per event.
         */
        public Builder<T> settle(Duration settle) {
            this.settle = settle;
            return this;
        }

        /** Runs after each committed pass that applied records (on the engine's thread). */
        public Builder<T> afterCommit(Consumer<Pass> afterCommit) {
            this.afterCommit = afterCommit;
            return this;
        }

        public FeedEngine<T> build() {
            return new FeedEngine<>(this);
        }
    }
}
