package io.auditlog.analytics.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.auditlog.analytics.client.AuditClient;
import io.auditlog.analytics.config.AnalyticsConfig;
import io.auditlog.analytics.domain.FeedEvent;
import io.auditlog.analytics.domain.FeedPage;
import io.auditlog.analytics.repository.PositionRepository;
import io.auditlog.analytics.rollup.RollupWriter;
import io.auditlog.common.work.Doorbells;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Keeps the rollups up to date with the audit feed. Each page is one transaction: take the consumer lock, read the
 * stored position, fetch the page after it, apply it and advance the position, commit. A replica that cannot get
 * the lock leaves the page to the one that has it; a crash before the commit leaves counts and position as they
 * were. Woken by NOTIFY audit_feed (through {@link Doorbells}) and by a timer, and keeps reading while pages are full.
 */
@ApplicationScoped
public class FeedConsumer {

    private static final Logger LOG = Logger.getLogger(FeedConsumer.class);
    private static final long PROGRESS_EVERY = 100_000;

    /** What one pass did: events applied, and whether the page was full (so more are probably waiting). */
    public record Pass(int applied, boolean full) {
        static final Pass NOTHING = new Pass(0, false);
    }

    private final Pool pool;
    private final AuditClient audit;
    private final RollupWriter writer;
    private final PositionRepository positions;
    private final ConsumerLock lock;
    private final AnalyticsConfig config;
    private final Doorbells doorbells;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean rang = new AtomicBoolean();
    private final AtomicLong appliedSinceStart = new AtomicLong();
    private long drainStarted;
    private long drainApplied;

    FeedConsumer(Pool pool, AuditClient audit, RollupWriter writer, PositionRepository positions, ConsumerLock lock,
            AnalyticsConfig config, Doorbells doorbells) {
        this.pool = pool;
        this.audit = audit;
        this.writer = writer;
        this.positions = positions;
        this.lock = lock;
        this.config = config;
        this.doorbells = doorbells;
    }

    void listen(@Observes StartupEvent event) {
        doorbells.listen("analytics-service-listener", Map.of("audit_feed", this::wake));
    }

    @Scheduled(every = "{analytics.feed.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTimer() {
        wake();
    }

    /** Asks for a drain of the feed; a wake during a drain makes it read once more when it ends. */
    public void wake() {
        if (!config.feed().enabled()) {
            return;
        }
        rang.set(true);
        if (running.compareAndSet(false, true)) {
            drainStarted = System.nanoTime();
            drainApplied = 0;
            drain();
        }
    }

    private void drain() {
        rang.set(false);
        pass().subscribe().with(pass -> {
            drainApplied += pass.applied();
            if (pass.full() || rang.get()) {
                drain();
            } else {
                finish();
            }
        }, failure -> {
            LOG.warnf(failure, "Feed consumer pass failed (the next wake or timer retries): %s", failure);
            finish();
        });
    }

    private void finish() {
        if (drainApplied >= config.feed().pageSize()) {
            double seconds = (System.nanoTime() - drainStarted) / 1e9;
            LOG.infof("Feed caught up: %,d events applied in %.1f s (%,.0f events/s)", drainApplied, seconds,
                    drainApplied / Math.max(seconds, 1e-9));
        }
        running.set(false);
        // A wake that came between the last pass and the flag going down must not be lost.
        if (rang.get() && running.compareAndSet(false, true)) {
            drainStarted = System.nanoTime();
            drainApplied = 0;
            drain();
        }
    }

    /** One page in one transaction, if this replica holds the consumer lock. */
    Uni<Pass> pass() {
        return pool.withTransaction(this::applyNextPage).invoke(pass -> {
            long before = appliedSinceStart.getAndAdd(pass.applied());
            if ((before + pass.applied()) / PROGRESS_EVERY > before / PROGRESS_EVERY) {
                LOG.infof("Feed consumer: %,d events applied since this replica started", before + pass.applied());
            }
        });
    }

    /**
     * Inside the caller's transaction: lock, read the position, fetch the next pages and apply them. Nothing is
     * committed here, so a transaction that fails afterwards undoes the pages and the position together.
     */
    public Uni<Pass> applyNextPage(SqlConnection transaction) {
        return lock.tryLock(transaction).chain(locked -> !locked ? Uni.createFrom().item(Pass.NOTHING)
                : positions.current(transaction)
                        .chain(position -> fetch(position.position(), new ArrayList<>(), 0))
                        .chain(page -> page.events().isEmpty() ? Uni.createFrom().item(Pass.NOTHING)
                                : writer.apply(transaction, page).map(applied -> applied
                                        ? new Pass(page.events().size(), full(page.events().size()))
                                        : Pass.NOTHING)));
    }

    /** Reads pages from {@code after} while they come back full, up to pages-per-transaction, as one page. */
    private Uni<FeedPage> fetch(String after, List<FeedEvent> events, int pages) {
        int size = config.feed().pageSize();
        String first = after;
        return audit.feedPage(after, size).chain(page -> {
            events.addAll(page.events());
            if (page.events().size() >= size && pages + 1 < config.feed().pagesPerTransaction()) {
                return fetch(page.next(), events, pages + 1)
                        .map(rest -> new FeedPage(first, rest.events(), rest.next()));
            }
            return Uni.createFrom().item(new FeedPage(first, events, page.next()));
        });
    }

    /** Whether as many events came as were asked for, so more are probably waiting. */
    private boolean full(int events) {
        return events >= config.feed().pageSize() * config.feed().pagesPerTransaction();
    }
}
