package io.auditlog.audit.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.SealedLeaf;
import io.auditlog.audit.domain.SignedHead;
import io.auditlog.common.feed.FeedPositions;
import io.auditlog.integrity.Merkle;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The tamper-evident log's tables (V9): leaves, complete subtrees, tree sizes, signed heads, the sealer's place. */
@ApplicationScoped
public class SealRepository {

    /** The sealer's advisory lock (any fixed number, the same in every replica): "sealer!". */
    public static final long LOCK_KEY = 0x7365616c65722121L;

    private static final String TREE_SIZES = "SELECT account_id, tree_size FROM audit.seal_tree WHERE account_id = ANY($1::text[])";
    /**
     * The lowest level of complete subtrees stored in seal_node. Levels 1..3 are not stored since 2026-12-01: they
     * were seven of every eight node rows (nearly one row per event sealed, written beside the event's leaf), and
     * each is the hash of at most 8 leaves, read with the nodes asked for and hashed here. Rows of those levels
     * written before stay and are not read.
     */
    public static final int LOWEST_STORED_LEVEL = 4;

    /**
     * The stored nodes and leaves asked for ($1..$3), and the leaves under the derived nodes asked for ($4..$6). The
     * ranges are read per range (LATERAL) with the most leaves a range holds as LIMIT: joined plainly, PostgreSQL
     * estimated a range of two parameters at half the table and read all of it (1.8 s at 10M leaves).
     */
    private static final String NODES = """
            SELECT n.account_id, n.level, n.node_index, n.hash FROM audit.seal_node n
              JOIN unnest($1::text[], $2::smallint[], $3::bigint[]) AS k(account_id, level, node_index)
                ON n.account_id = k.account_id AND n.level = k.level AND n.node_index = k.node_index
            UNION ALL
            SELECT l.account_id, 0::smallint, l.leaf_index, l.leaf_hash FROM audit.seal_leaf l
              JOIN unnest($1::text[], $2::smallint[], $3::bigint[]) AS k(account_id, level, node_index)
                ON k.level = 0 AND l.account_id = k.account_id AND l.leaf_index = k.node_index
            UNION ALL
            SELECT r.account_id, 0::smallint, l.leaf_index, l.leaf_hash
              FROM unnest($4::text[], $5::bigint[], $6::bigint[]) AS r(account_id, first, last)
             CROSS JOIN LATERAL (SELECT s.leaf_index, s.leaf_hash FROM audit.seal_leaf s
                                  WHERE s.account_id = r.account_id AND s.leaf_index BETWEEN r.first AND r.last
                                  LIMIT %d) AS l""".formatted(1 << (LOWEST_STORED_LEVEL - 1));
    private static final String INSERT_LEAVES = "INSERT INTO audit.seal_leaf (account_id, leaf_index, event_id, leaf_hash)"
            + " SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bytea[])";
    private static final String INSERT_NODES = "INSERT INTO audit.seal_node (account_id, level, node_index, hash)"
            + " SELECT * FROM unnest($1::text[], $2::smallint[], $3::bigint[], $4::bytea[])";
    private static final String UPSERT_SIZES = "INSERT INTO audit.seal_tree (account_id, tree_size, updated_at)"
            + " SELECT a, s, now() FROM unnest($1::text[], $2::bigint[]) AS t(a, s)"
            + " ON CONFLICT (account_id) DO UPDATE SET tree_size = EXCLUDED.tree_size, updated_at = now()";
    private static final String LEAF_OF_EVENT = "SELECT account_id, leaf_index, event_id, leaf_hash FROM audit.seal_leaf"
            + " WHERE account_id = $1 AND event_id = $2";
    private static final String LEAVES_OF_EVENTS = "SELECT account_id, leaf_index, event_id, leaf_hash"
            + " FROM audit.seal_leaf WHERE account_id = $1 AND event_id = ANY($2::text[])";
    private static final String LEAVES = "SELECT account_id, leaf_index, event_id, leaf_hash FROM audit.seal_leaf"
            + " WHERE account_id = $1 AND leaf_index >= $2 ORDER BY leaf_index LIMIT $3";
    private static final String HEAD_COLUMNS = "head_id, account_id, tree_size, root_hash, issued_at, key_id, signature";
    private static final String HEADS = "SELECT " + HEAD_COLUMNS + " FROM audit.seal_tree_head WHERE account_id = $1"
            + " ORDER BY head_id DESC LIMIT $2";
    private static final String HEAD_OF_SIZE = "SELECT " + HEAD_COLUMNS + " FROM audit.seal_tree_head"
            + " WHERE account_id = $1 AND tree_size = $2 ORDER BY head_id DESC LIMIT 1";
    private static final String INSERT_HEAD = "INSERT INTO audit.seal_tree_head (account_id, tree_size, root_hash,"
            + " issued_at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)";
    /** Trees whose newest head is older than their size, or older than the oldest a head may be. */
    private static final String TREES_TO_SIGN = """
            SELECT t.account_id, t.tree_size FROM audit.seal_tree t
             WHERE NOT EXISTS (SELECT 1 FROM audit.seal_tree_head h WHERE h.account_id = t.account_id
                                  AND h.tree_size = t.tree_size AND h.issued_at > $1)
             ORDER BY t.account_id LIMIT $2""";

    /** The head signer's advisory lock: one replica signs at a time ("heads!!!"). */
    static final long SIGNER_LOCK_KEY = 0x6865616473212121L;
    private static final String TRY_SIGNER_LOCK = "SELECT pg_try_advisory_xact_lock($1) AS locked";

    private final FeedPositions position = FeedPositions.of("audit.seal_position", "id", (short) 1, "events_sealed",
            LOCK_KEY);

    /** The sealer's row, for the feed engine. */
    public FeedPositions position() {
        return position;
    }

    /** A complete subtree's place: account, level, index. */
    public record NodeKey(String accountId, int level, long index) {
    }

    /** A complete subtree to store (level 0: a leaf, with its event). */
    public record NewNode(String accountId, int level, long index, byte[] hash, String eventId) {
    }

    public Uni<Map<String, Long>> treeSizes(SqlClient client, List<String> accounts) {
        return client.preparedQuery(TREE_SIZES).execute(Tuple.of(accounts.toArray(String[]::new))).map(rows -> {
            Map<String, Long> sizes = new HashMap<>();
            for (Row row : rows) {
                sizes.put(row.getString("account_id"), row.getLong("tree_size"));
            }
            return sizes;
        });
    }

    /**
     * The hashes of these complete subtrees (level 0: leaves), stored or (levels 1..3) hashed from their leaves;
     * a key whose node or leaves are not all there is absent.
     */
    public Uni<Map<NodeKey, byte[]>> nodes(SqlClient client, List<NodeKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<NodeKey> stored = new ArrayList<>();
        List<NodeKey> derived = new ArrayList<>();
        for (NodeKey key : keys) {
            (key.level() == 0 || key.level() >= LOWEST_STORED_LEVEL ? stored : derived).add(key);
        }
        String[] accounts = new String[stored.size()];
        Short[] levels = new Short[stored.size()];
        Long[] indexes = new Long[stored.size()];
        for (int i = 0; i < stored.size(); i++) {
            accounts[i] = stored.get(i).accountId();
            levels[i] = (short) stored.get(i).level();
            indexes[i] = stored.get(i).index();
        }
        String[] rangeAccounts = new String[derived.size()];
        Long[] firsts = new Long[derived.size()];
        Long[] lasts = new Long[derived.size()];
        for (int i = 0; i < derived.size(); i++) {
            NodeKey key = derived.get(i);
            rangeAccounts[i] = key.accountId();
            firsts[i] = key.index() << key.level();
            lasts[i] = ((key.index() + 1) << key.level()) - 1;
        }
        return client.preparedQuery(NODES)
                .execute(Tuple.of(accounts, levels, indexes, rangeAccounts, firsts, lasts)).map(rows -> {
                    Map<NodeKey, byte[]> found = new HashMap<>();
                    for (Row row : rows) {
                        found.put(new NodeKey(row.getString("account_id"), row.getShort("level"),
                                row.getLong("node_index")), row.getBuffer("hash").getBytes());
                    }
                    for (NodeKey key : derived) {
                        byte[] hash = subtree(found, key.accountId(), key.level(), key.index());
                        if (hash != null) {
                            found.put(key, hash);
                        }
                    }
                    return found;
                });
    }

    /** RFC 9162's hash of the complete subtree from the leaves found, or null when one of them is missing. */
    private static byte[] subtree(Map<NodeKey, byte[]> found, String account, int level, long index) {
        if (level == 0) {
            return found.get(new NodeKey(account, 0, index));
        }
        byte[] left = subtree(found, account, level - 1, index * 2);
        byte[] right = left == null ? null : subtree(found, account, level - 1, index * 2 + 1);
        return right == null ? null : Merkle.nodeHash(left, right);
    }

    /** Stores leaves, the nodes of the stored levels and the trees' new sizes, on the sealer's transaction. */
    public Uni<Void> append(SqlClient transaction, List<NewNode> nodes, Map<String, Long> sizes) {
        List<NewNode> leaves = new ArrayList<>();
        List<NewNode> inner = new ArrayList<>();
        for (NewNode node : nodes) {
            if (node.level() == 0) {
                leaves.add(node);
            } else if (node.level() >= LOWEST_STORED_LEVEL) {
                inner.add(node);
            }
        }
        Tuple leafRows = Tuple.of(leaves.stream().map(NewNode::accountId).toArray(String[]::new),
                leaves.stream().map(NewNode::index).toArray(Long[]::new),
                leaves.stream().map(NewNode::eventId).toArray(String[]::new),
                leaves.stream().map(n -> Buffer.buffer(n.hash())).toArray(Buffer[]::new));
        Tuple nodeRows = Tuple.of(inner.stream().map(NewNode::accountId).toArray(String[]::new),
                inner.stream().map(n -> (short) n.level()).toArray(Short[]::new),
                inner.stream().map(NewNode::index).toArray(Long[]::new),
                inner.stream().map(n -> Buffer.buffer(n.hash())).toArray(Buffer[]::new));
        Tuple sizeRows = Tuple.of(sizes.keySet().toArray(String[]::new), sizes.values().toArray(Long[]::new));
        return transaction.preparedQuery(INSERT_LEAVES).execute(leafRows)
                .chain(() -> inner.isEmpty() ? Uni.createFrom().voidItem()
                        : transaction.preparedQuery(INSERT_NODES).execute(nodeRows).replaceWithVoid())
                .chain(() -> transaction.preparedQuery(UPSERT_SIZES).execute(sizeRows)).replaceWithVoid();
    }

    public Uni<Optional<SealedLeaf>> leafOf(SqlClient client, String accountId, String eventId) {
        return client.preparedQuery(LEAF_OF_EVENT).execute(Tuple.of(accountId, eventId)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new SealedLeaf(row.getString("account_id"), row.getLong("leaf_index"),
                    row.getString("event_id"), row.getBuffer("leaf_hash").getBytes()));
        });
    }

    /** The leaves of these events of the account, by event id; an event not sealed (or not the account's) is absent. */
    public Uni<Map<String, SealedLeaf>> leavesOf(SqlClient client, String accountId, List<String> eventIds) {
        return client.preparedQuery(LEAVES_OF_EVENTS).execute(Tuple.of(accountId, eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, SealedLeaf> leaves = new HashMap<>();
                    for (Row row : rows) {
                        leaves.put(row.getString("event_id"), new SealedLeaf(row.getString("account_id"),
                                row.getLong("leaf_index"), row.getString("event_id"),
                                row.getBuffer("leaf_hash").getBytes()));
                    }
                    return leaves;
                });
    }

    /** Up to {@code limit} leaves of the account from index {@code from}, in index order. */
    public Uni<List<SealedLeaf>> leaves(SqlClient client, String accountId, long from, int limit) {
        return client.preparedQuery(LEAVES).execute(Tuple.of(accountId, from, limit)).map(rows -> {
            List<SealedLeaf> leaves = new ArrayList<>();
            for (Row row : rows) {
                leaves.add(new SealedLeaf(row.getString("account_id"), row.getLong("leaf_index"),
                        row.getString("event_id"), row.getBuffer("leaf_hash").getBytes()));
            }
            return leaves;
        });
    }

    /** The account's tree size, 0 when nothing is sealed. */
    public Uni<Long> treeSize(SqlClient client, String accountId) {
        return treeSizes(client, List.of(accountId)).map(sizes -> sizes.getOrDefault(accountId, 0L));
    }

    public Uni<List<SignedHead>> heads(SqlClient client, String accountId, int limit) {
        return client.preparedQuery(HEADS).execute(Tuple.of(accountId, limit)).map(SealRepository::heads);
    }

    public Uni<Optional<SignedHead>> headOfSize(SqlClient client, String accountId, long treeSize) {
        return client.preparedQuery(HEAD_OF_SIZE).execute(Tuple.of(accountId, treeSize))
                .map(rows -> heads(rows).stream().findFirst());
    }

    /** Trees with no head of their current size issued after {@code issuedAfter}: the ones to sign now. */
    public Uni<Map<String, Long>> treesToSign(SqlClient client, Instant issuedAfter, int limit) {
        return client.preparedQuery(TREES_TO_SIGN).execute(Tuple.of(issuedAfter.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    Map<String, Long> trees = new LinkedHashMap<>();
                    for (Row row : rows) {
                        trees.put(row.getString("account_id"), row.getLong("tree_size"));
                    }
                    return trees;
                });
    }

    /** Takes the head signer's lock for the transaction, unless another replica holds it (then false). */
    public Uni<Boolean> tryLockSigner(SqlClient transaction) {
        return transaction.preparedQuery(TRY_SIGNER_LOCK).execute(Tuple.of(SIGNER_LOCK_KEY))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    public Uni<Void> insertHead(SqlClient client, SignedHead head) {
        return client.preparedQuery(INSERT_HEAD).execute(Tuple.tuple(List.of(head.accountId(), head.treeSize(),
                Buffer.buffer(head.rootHash()), head.issuedAt().atOffset(ZoneOffset.UTC), head.keyId(),
                Buffer.buffer(head.signature())))).replaceWithVoid();
    }

    private static List<SignedHead> heads(RowSet<Row> rows) {
        List<SignedHead> heads = new ArrayList<>();
        for (Row row : rows) {
            heads.add(new SignedHead(row.getString("account_id"), row.getLong("tree_size"),
                    row.getBuffer("root_hash").getBytes(), row.getOffsetDateTime("issued_at").toInstant(),
                    row.getString("key_id"), row.getBuffer("signature").getBytes()));
        }
        return heads;
    }
}
