package io.auditlog.audit.service;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.auditlog.audit.api.ConsistencyProofView;
import io.auditlog.audit.api.InclusionProofView;
import io.auditlog.audit.api.LeafPage;
import io.auditlog.audit.api.TreeHeadList;
import io.auditlog.audit.api.TreeHeadView;
import io.auditlog.audit.domain.SignedHead;
import io.auditlog.audit.repository.SealRepository;
import io.auditlog.audit.repository.SealRepository.NodeKey;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.integrity.EventLeaf;
import io.auditlog.integrity.Jwks;
import io.auditlog.integrity.Merkle;
import io.auditlog.integrity.TreeHead;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The tamper-evident log's reads, always in the caller's own account: signed tree heads, the published keys, an
 * event's inclusion proof and the consistency proof between two signed sizes. Proofs are built from the stored
 * complete subtrees: the nodes a proof needs are listed first (a dry run of the proof), then read in one query.
 */
@ApplicationScoped
public class IntegrityService {

    public static final int DEFAULT_HEADS = 20;
    public static final int MAX_HEADS = 100;
    public static final int MAX_LEAVES = 1000;
    private static final byte[] PLACEHOLDER = new byte[Merkle.HASH_SIZE];

    private final Pool pool;
    private final SealRepository seals;
    private final SigningKeys keys;
    private final EventQueryService events;
    private final DatabaseCalls calls;

    IntegrityService(Pool pool, SealRepository seals, SigningKeys keys, EventQueryService events,
            DatabaseCalls calls) {
        this.pool = pool;
        this.seals = seals;
        this.keys = keys;
        this.events = events;
        this.calls = calls;
    }

    public Uni<TreeHeadList> heads(String accountId, String limit) {
        int size = PageLimits.parse(limit, "limit", DEFAULT_HEADS, MAX_HEADS);
        return calls.bounded(seals.heads(pool, accountId, size))
                .map(heads -> new TreeHeadList(heads.stream().map(IntegrityService::view).toList()));
    }

    /** Leaves from index {@code from} (default 0), {@code limit} of them (1..1000, default 1000). */
    public Uni<LeafPage> leaves(String accountId, String from, String limit) {
        long start = from == null || from.isBlank() ? 0 : parseIndex(from, "from");
        int size = PageLimits.parse(limit, "limit", MAX_LEAVES, MAX_LEAVES);
        return calls.bounded(seals.leaves(pool, accountId, start, size)).map(leaves -> new LeafPage(
                leaves.stream().map(l -> new LeafPage.Leaf(l.leafIndex(), l.eventId(),
                        Base64.getEncoder().encodeToString(l.leafHash()))).toList(),
                leaves.size() < size ? null : leaves.get(leaves.size() - 1).leafIndex() + 1));
    }

    public ObjectNode keys() {
        return Jwks.set(keys.published());
    }

    /**
     * The inclusion proof of an event under the head of {@code treeSize} leaves (default: the newest head). 404 when
     * the account has no such event (as its GET) or no head of that size; 409 when the event is not sealed yet, or
     * was sealed after that head.
     */
    public Uni<InclusionProofView> inclusion(String accountId, String eventId, String treeSize) {
        Long size = treeSize == null || treeSize.isBlank() ? null : parseSize(treeSize, "treeSize");
        return events.get(accountId, eventId).chain(found -> calls.bounded(seals.leafOf(pool, accountId, eventId)
                .chain(leaf -> {
                    if (leaf.isEmpty()) {
                        throw conflict("Event " + eventId + " is not sealed yet; the sealer follows the feed within"
                                + " seconds");
                    }
                    Uni<SignedHead> head = size == null
                            ? seals.heads(pool, accountId, 1).map(heads -> heads.isEmpty() ? null : heads.get(0))
                            : seals.headOfSize(pool, accountId, size).map(h -> h.orElse(null));
                    return head.chain(h -> {
                        if (h == null) {
                            if (size == null) {
                                throw conflict("No tree head of this account is signed yet");
                            }
                            throw new ProblemException(404, "Not found", "No signed tree head of size " + size,
                                    List.of(new FieldProblem("treeSize",
                                            "is not the size of a signed tree head")));
                        }
                        long index = leaf.get().leafIndex();
                        if (index >= h.treeSize()) {
                            throw conflict("Event " + eventId + " is leaf " + index + ", sealed after the tree head"
                                    + " of size " + h.treeSize());
                        }
                        return prove(accountId, source -> Merkle.inclusionProof(index, h.treeSize(), source))
                                .map(path -> new InclusionProofView(eventId, index,
                                        Base64.getEncoder().encodeToString(leaf.get().leafHash()), EventLeaf.VERSION,
                                        view(h), base64(path)));
                    });
                })));
    }

    /** The consistency proof between the signed heads of {@code from} and {@code to} leaves. */
    public Uni<ConsistencyProofView> consistency(String accountId, String from, String to) {
        if (from == null || from.isBlank()) {
            throw ProblemException.badRequest("from", "is required");
        }
        if (to == null || to.isBlank()) {
            throw ProblemException.badRequest("to", "is required");
        }
        long first = parseSize(from, "from");
        long second = parseSize(to, "to");
        if (first > second) {
            throw ProblemException.badRequest("from", "must not be greater than to");
        }
        return calls.bounded(seals.headOfSize(pool, accountId, first).chain(a -> seals.headOfSize(pool, accountId,
                second).chain(b -> {
                    if (a.isEmpty()) {
                        throw notSigned("from", first);
                    }
                    if (b.isEmpty()) {
                        throw notSigned("to", second);
                    }
                    return prove(accountId, source -> Merkle.consistencyProof(first, second, source))
                            .map(proof -> new ConsistencyProofView(view(a.get()), view(b.get()), base64(proof)));
                })));
    }

    /** Runs {@code proof} once to learn the nodes it reads, reads them in one query, and runs it on them. */
    private Uni<List<byte[]>> prove(String accountId, Function<Merkle.NodeSource, List<byte[]>> proof) {
        Set<NodeKey> needed = new LinkedHashSet<>();
        proof.apply((level, index) -> {
            needed.add(new NodeKey(accountId, level, index));
            return PLACEHOLDER;
        });
        return seals.nodes(pool, new ArrayList<>(needed)).map(nodes -> proof.apply((level, index) -> {
            byte[] hash = nodes.get(new NodeKey(accountId, level, index));
            if (hash == null) {
                throw new IllegalStateException("Account " + accountId + "'s tree lacks node " + level + "/" + index);
            }
            return hash;
        }));
    }

    private static long parseIndex(String raw, String parameter) {
        String digits = raw.trim();
        if (digits.length() <= 18 && !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.parseLong(digits);
        }
        throw ProblemException.badRequest(parameter, "must be a leaf index: a whole number of at least 0");
    }

    private static long parseSize(String raw, String parameter) {
        String digits = raw.trim();
        if (digits.length() <= 18 && !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long value = Long.parseLong(digits);
            if (value >= 1) {
                return value;
            }
        }
        throw ProblemException.badRequest(parameter, "must be a tree size: a whole number of at least 1");
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    private static ProblemException notSigned(String parameter, long size) {
        return new ProblemException(404, "Not found", "No signed tree head of size " + size,
                List.of(new FieldProblem(parameter, "is not the size of a signed tree head")));
    }

    static TreeHeadView view(SignedHead h) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new TreeHeadView(TreeHead.FORMAT, h.accountId(), h.treeSize(), b64.encodeToString(h.rootHash()),
                h.issuedAt().toString(), h.keyId(), b64.encodeToString(h.signature()));
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }

    /** For tests and tools: the library's head of a stored one. */
    public static TreeHead toTreeHead(SignedHead h) {
        return new TreeHead(h.accountId(), h.treeSize(), h.rootHash(), h.issuedAt().toString(), h.keyId(),
                h.signature());
    }

}
