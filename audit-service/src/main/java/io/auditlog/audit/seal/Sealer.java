package io.auditlog.audit.seal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.audit.repository.FeedRepository;
import io.auditlog.audit.repository.SealRepository;
import io.auditlog.audit.repository.SealRepository.NewNode;
import io.auditlog.audit.repository.SealRepository.NodeKey;
import io.auditlog.audit.service.EventLeaves;
import io.auditlog.common.feed.FeedEngine;
import io.auditlog.common.feed.FeedPage;
import io.auditlog.common.feed.FeedPosition;
import io.auditlog.common.work.Doorbells;
import io.auditlog.integrity.Frontier;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Seals the change feed into each account's Merkle tree, through the platform's feed engine: it reads pages of the
 * feed after its stored position (in the feed's order, below the snapshot horizon, so every committed event exactly
 * once), computes each event's leaf, appends it to its account's tree, and writes the leaves, the subtrees they
 * complete, the trees' sizes and the new position in ONE transaction under the sealer's advisory lock: a crash
 * before the commit leaves all of it as it was, so the tree never has a gap or a leaf twice. Ingest does not wait
 * for it; it runs behind, woken by NOTIFY audit_feed and a timer.
 */
@ApplicationScoped
public class Sealer {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final AuditConfig config;
    private final Doorbells doorbells;
    private final FeedEngine<StoredEvent> engine;

    Sealer(Pool pool, FeedRepository feed, SealRepository seals, EventLeaves leaves, AuditConfig config,
            Doorbells doorbells) {
        this.config = config;
        this.doorbells = doorbells;
        this.engine = FeedEngine.<StoredEvent> builder("seal", pool, seals.position())
                .source((after, limit) -> read(pool, feed, after, limit))
                .handler((transaction, page) -> seal(transaction, seals, leaves, page.items()))
                .pageSize(config.integrity().pageSize())
                .pagesPerTransaction(config.integrity().pagesPerTransaction())
                .settle(config.integrity().settle())
                .timeouts(TIMEOUT, TIMEOUT)
                .recordedAt(StoredEvent::recordedAt)
                .build();
    }

    void listen(@Observes StartupEvent event) {
        if (sealsInBackground()) {
            doorbells.listen("audit-service-sealer", Map.of("audit_feed", this::wake));
            wake();
        }
    }

    @Scheduled(every = "${audit.integrity.poll-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTimer() {
        wake();
    }

    public void wake() {
        if (sealsInBackground()) {
            engine.wake();
        }
    }

    private boolean sealsInBackground() {
        return config.integrity().enabled() && config.integrity().sealInBackground();
    }

    /** One pass, committed: seal what the feed has after the stored position (tests drive it directly). */
    public Uni<FeedEngine.Pass> pass() {
        return engine.pass();
    }

    /** One pass inside the caller's transaction (a test playing a replica that dies before its commit). */
    public Uni<FeedEngine.Pass> applyNext(SqlConnection transaction) {
        return engine.applyNext(transaction);
    }

    public FeedEngine.Status status() {
        return engine.status();
    }

    void stop(@Observes ShutdownEvent event) {
        engine.close();
    }

    private static Uni<FeedPage<StoredEvent>> read(Pool pool, FeedRepository feed, String after, int limit) {
        FeedPosition position = after == null || after.isEmpty() ? FeedPosition.START
                : FeedPosition.decode(after).orElseThrow(() -> new IllegalStateException("Stored seal position "
                        + after + " is not a feed position"));
        List<StoredEvent> events = new ArrayList<>();
        return pool.withTransaction(transaction -> feed.after(transaction, position, limit, events::add))
                .map(end -> new FeedPage<>(events, events.isEmpty() ? after : end.next().encode()));
    }

    /** Appends the page's events to their accounts' trees, in feed order; answers the leaves written. */
    static Uni<Integer> seal(SqlConnection transaction, SealRepository seals, EventLeaves leaves,
            List<StoredEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<String, List<StoredEvent>> byAccount = new LinkedHashMap<>();
        for (StoredEvent event : events) {
            byAccount.computeIfAbsent(event.accountId(), a -> new ArrayList<>()).add(event);
        }
        List<String> accounts = new ArrayList<>(byAccount.keySet());
        return seals.treeSizes(transaction, accounts).chain(sizes -> {
            List<NodeKey> edge = new ArrayList<>();
            for (String account : accounts) {
                for (Frontier.Node node : Frontier.edge(sizes.getOrDefault(account, 0L))) {
                    edge.add(new NodeKey(account, node.level(), node.index()));
                }
            }
            return seals.nodes(transaction, edge).chain(stored -> {
                List<NewNode> written = new ArrayList<>(events.size() * 2);
                Map<String, Long> newSizes = new HashMap<>();
                for (String account : accounts) {
                    long size = sizes.getOrDefault(account, 0L);
                    Frontier frontier = Frontier.of(size, (level, index) -> {
                        byte[] hash = stored.get(new NodeKey(account, level, index));
                        if (hash == null) {
                            throw new IllegalStateException("Account " + account + "'s tree of " + size
                                    + " leaves lacks its node " + level + "/" + index);
                        }
                        return hash;
                    });
                    for (StoredEvent event : byAccount.get(account)) {
                        for (Frontier.Node node : frontier.append(leaves.leafHash(event))) {
                            written.add(new NewNode(account, node.level(), node.index(), node.hash(),
                                    node.level() == 0 ? event.id() : null));
                        }
                    }
                    newSizes.put(account, frontier.size());
                }
                return seals.append(transaction, written, newSizes).replaceWith(events.size());
            });
        });
    }
}
