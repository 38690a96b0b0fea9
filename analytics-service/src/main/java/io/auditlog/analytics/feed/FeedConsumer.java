package io.auditlog.analytics.feed;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.auditlog.analytics.client.AuditClient;
import io.auditlog.analytics.config.AnalyticsConfig;
import io.auditlog.analytics.repository.PositionRepository;
import io.auditlog.analytics.domain.RollupBatch;
import io.auditlog.analytics.repository.RollupRepository;
import io.auditlog.common.feed.FeedEngine;
import io.auditlog.common.feed.FeedEvent;
import io.auditlog.common.feed.FeedPage;
import io.auditlog.common.work.Doorbells;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Keeps the rollups up to date with the audit feed, through the platform's feed engine ({@link FeedEngine}): it reads
 * up to {@code analytics.feed.pages-per-transaction} full pages after the stored position, then applies them to the
 * rollups and advances the position in one transaction under the consumer's lock. A replica that finds the lock held
 * leaves the work to the holder; a crash before the commit leaves counts and position as they were. Woken by NOTIFY
 * audit_feed (through {@link Doorbells}), by a timer, and after a rebuild; keeps reading while pages are full.
 */
@ApplicationScoped
public class FeedConsumer {

    /** The audit client's calls give up within about 31 s (10 s timeout, two retries). */
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(35);
    /** A catch-up transaction writes the upserts of 5,000 events; a busy database may take a while. */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

    private final AnalyticsConfig config;
    private final Doorbells doorbells;
    private final FeedEngine<FeedEvent> engine;

    FeedConsumer(Pool pool, AuditClient audit, RollupRepository rollups, PositionRepository positions,
            AnalyticsConfig config, Doorbells doorbells) {
        this.config = config;
        this.doorbells = doorbells;
        this.engine = FeedEngine.<FeedEvent> builder("audit", pool, positions.row())
                .source(audit::feedPage)
                .handler((transaction, page) -> apply(transaction, rollups, page))
                .pageSize(config.feed().pageSize())
                .pagesPerTransaction(config.feed().pagesPerTransaction())
                .timeouts(FETCH_TIMEOUT, TRANSACTION_TIMEOUT)
                .recordedAt(FeedEvent::recordedAt)
                .build();
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
        if (config.feed().enabled()) {
            engine.wake();
        }
    }

    /** Events applied by this replica, last application, lag: for metrics and status. */
    public FeedEngine.Status status() {
        return engine.status();
    }

    /**
     * One pass inside the caller's transaction, which commits it or not: take the consumer lock (or leave the work
     * to its holder), read the pages after the stored position and apply them.
     */
    public Uni<FeedEngine.Pass> applyNextPage(SqlConnection transaction) {
        return engine.applyNext(transaction);
    }

    /** Applies a page read after {@code after}, if that is still the stored position (else nothing changes). */
    public Uni<FeedEngine.Pass> applyRead(SqlConnection transaction, String after, FeedPage<FeedEvent> page) {
        return engine.applyRead(transaction, after, page, false);
    }

    void stop(@Observes ShutdownEvent event) {
        engine.close();
    }

    /** Counts a page into the rollups; answers how many events it counted (the engine's "effects"). */
    private static Uni<Integer> apply(SqlConnection transaction, RollupRepository rollups, FeedPage<FeedEvent> page) {
        if (page.items().isEmpty()) {
            return Uni.createFrom().item(0);
        }
        RollupBatch batch = RollupBatch.of(page.items().stream().map(io.auditlog.analytics.domain.FeedEvent::of).toList());
        return rollups.add(transaction, batch).replaceWith(page.items().size());
    }
}
