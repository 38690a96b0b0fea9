package io.auditlog.audit.seal;

import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.SignedHead;
import io.auditlog.audit.repository.SealRepository;
import io.auditlog.audit.repository.SealRepository.NodeKey;
import io.auditlog.audit.service.SigningKeys;
import io.auditlog.integrity.Frontier;
import io.auditlog.integrity.TreeHead;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Signs tree heads: every {@code audit.integrity.sign-every}, each account whose tree grew since its newest head
 * gets a head of its current size, and one whose newest head is older than {@code head-max-age} gets the same size
 * signed again (so a reader knows the log was alive and unchanged). One replica signs at a time (an advisory lock
 * held by the run's transaction); the root is computed from the stored complete subtrees, which never change.
 */
@ApplicationScoped
public class HeadSigner {

    private static final Logger LOG = Logger.getLogger(HeadSigner.class);
    /** Trees signed per run; more wait for the next run. */
    private static final int BATCH = 1000;

    private final Pool pool;
    private final SealRepository seals;
    private final SigningKeys keys;
    private final AuditConfig config;

    HeadSigner(Pool pool, SealRepository seals, SigningKeys keys, AuditConfig config) {
        this.pool = pool;
        this.seals = seals;
        this.keys = keys;
        this.config = config;
    }

    @Scheduled(every = "${audit.integrity.sign-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return signDue().onFailure().invoke(e -> LOG.warnf("Signing tree heads failed, the next run retries: %s",
                e.toString())).onFailure().recoverWithItem(0).replaceWithVoid();
    }

    /** Signs the heads that are due; answers how many it signed (0 without a key or when another replica signs). */
    public Uni<Integer> signDue() {
        if (!config.integrity().enabled() || keys.signing().isEmpty()) {
            return Uni.createFrom().item(0);
        }
        KeyPair key = keys.signing().get();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return pool.withTransaction(tx -> seals.tryLockSigner(tx).chain(locked -> !locked ? Uni.createFrom().item(0)
                : seals.treesToSign(tx, now.minus(config.integrity().headMaxAge()), BATCH).chain(trees -> {
                    List<NodeKey> edge = new ArrayList<>();
                    trees.forEach((account, size) -> Frontier.edge(size)
                            .forEach(n -> edge.add(new NodeKey(account, n.level(), n.index()))));
                    return seals.nodes(tx, edge).chain(nodes -> {
                        List<SignedHead> heads = new ArrayList<>(trees.size());
                        for (Map.Entry<String, Long> tree : trees.entrySet()) {
                            byte[] root = Frontier.of(tree.getValue(),
                                    (level, index) -> nodes.get(new NodeKey(tree.getKey(), level, index))).root();
                            TreeHead head = TreeHead.sign(tree.getKey(), tree.getValue(), root, now.toString(),
                                    keys.keyId(), key.getPrivate());
                            heads.add(new SignedHead(head.accountId(), head.treeSize(), head.rootHash(), now,
                                    head.keyId(), head.signature()));
                        }
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (SignedHead head : heads) {
                            chain = chain.chain(() -> seals.insertHead(tx, head));
                        }
                        return chain.replaceWith(heads.size());
                    });
                })));
    }
}
