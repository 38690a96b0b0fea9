package io.auditlog.audit.seal;

import static io.auditlog.audit.support.Api.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.auditlog.audit.domain.SealedLeaf;
import io.auditlog.audit.repository.SealRepository;
import io.auditlog.audit.repository.SealRepository.NodeKey;
import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.LogAccessOff;
import io.auditlog.audit.support.Seals;
import io.auditlog.integrity.Merkle;
import io.auditlog.integrity.TreeHead;
import io.auditlog.integrity.Verifier;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Complete subtrees below {@link SealRepository#LOWEST_STORED_LEVEL} are not stored but hashed from their leaves:
 * on a tree of 37 sealed events (levels 0..5, both stored and derived nodes), every complete subtree the repository
 * answers is the one hashed from the sealed leaves in memory, only levels 4 and up have rows, and proofs at every
 * size the heads were signed at verify.
 */
@QuarkusTest
@TestProfile(LogAccessOff.class)
class SubtreeStorageTest {

    private static final int SIZE = 37;

    @Inject
    Sealer sealer;

    @Inject
    HeadSigner signer;

    @Inject
    SealRepository seals;

    @Inject
    Pool pool;

    @Test
    void everyCompleteSubtreeIsItsLeavesHash() {
        String account = Events.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            events.add(Events.login("sub-" + i, 60 - i, i % 2 == 0));
        }
        record(account, events.subList(0, 20));
        TreeHead first = Seals.sealedUpTo(account, 20, sealer, signer);
        record(account, events.subList(20, SIZE));
        TreeHead head = Seals.sealedUpTo(account, SIZE, sealer, signer);

        List<SealedLeaf> leaves = seals.leaves(pool, account, 0, 100).await().atMost(Duration.ofSeconds(10));
        assertEquals(SIZE, leaves.size());
        List<NodeKey> keys = new ArrayList<>();
        Map<NodeKey, byte[]> expected = new HashMap<>();
        for (int level = 0; (1L << level) <= SIZE; level++) {
            for (long index = 0; (index + 1) << level <= SIZE; index++) {
                NodeKey key = new NodeKey(account, level, index);
                keys.add(key);
                expected.put(key, hash(leaves, level, index));
            }
        }
        // Beyond the tree: neither stored nor derivable, so absent.
        keys.add(new NodeKey(account, 2, 9));
        keys.add(new NodeKey(account, 4, 2));
        Map<NodeKey, byte[]> found = seals.nodes(pool, keys).await().atMost(Duration.ofSeconds(10));
        expected.forEach((key, hash) -> {
            assertNotNull(found.get(key), key.toString());
            assertArrayEquals(hash, found.get(key), key.toString());
        });
        assertEquals(expected.size(), found.size(), "nothing beyond the tree");

        Map<Integer, Long> rowsPerLevel = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT level, count(*) AS n FROM audit.seal_node WHERE account_id = $1"
                + " GROUP BY level").execute(io.vertx.mutiny.sqlclient.Tuple.of(account)).await()
                .atMost(Duration.ofSeconds(10))) {
            rowsPerLevel.put((int) row.getShort("level"), row.getLong("n"));
        }
        assertEquals(Map.of(4, 2L, 5, 1L), rowsPerLevel);

        for (TreeHead signed : List.of(first, head)) {
            for (int i = 0; i < signed.treeSize(); i += 3) {
                String id = "sub-" + i;
                assertEquals(List.of(), Verifier.event(Seals.keys(account), signed, Seals.event(account, id),
                        Seals.proof(account, id, signed.treeSize())), id + " under the head of " + signed.treeSize());
            }
        }
    }

    private static byte[] hash(List<SealedLeaf> leaves, int level, long index) {
        if (level == 0) {
            return leaves.get((int) index).leafHash();
        }
        return Merkle.nodeHash(hash(leaves, level - 1, index * 2), hash(leaves, level - 1, index * 2 + 1));
    }
}
