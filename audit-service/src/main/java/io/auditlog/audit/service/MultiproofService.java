package io.auditlog.audit.service;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.api.MultiproofRequest;
import io.auditlog.audit.api.MultiproofView;
import io.auditlog.audit.domain.SealedLeaf;
import io.auditlog.audit.domain.SignedHead;
import io.auditlog.audit.repository.EventQueryRepository;
import io.auditlog.audit.repository.SealRepository;
import io.auditlog.audit.repository.SealRepository.NodeKey;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.integrity.Merkle;
import io.auditlog.integrity.Multiproof;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Many events' sealed leaves under one signed head, with the multiproof that they make its root. The events are
 * looked up in one query, the subtrees the proof needs are listed by a dry run of it and read in one more.
 */
@ApplicationScoped
public class MultiproofService {

    /** Events per request: a report asks in chunks of this many rows (a chunk's body stays well under a megabyte). */
    public static final int MAX_EVENTS = 10_000;
    private static final byte[] PLACEHOLDER = new byte[Merkle.HASH_SIZE];

    private final Pool pool;
    private final SealRepository seals;
    private final EventQueryRepository events;
    private final DatabaseCalls calls;

    MultiproofService(Pool pool, SealRepository seals, EventQueryRepository events, DatabaseCalls calls) {
        this.pool = pool;
        this.seals = seals;
        this.events = events;
        this.calls = calls;
    }

    public Uni<MultiproofView> prove(String accountId, MultiproofRequest request) {
        List<String> ids = check(request);
        Long size = request.treeSize();
        Uni<SignedHead> head = size == null
                ? seals.heads(pool, accountId, 1).map(heads -> heads.isEmpty() ? null : heads.get(0))
                : seals.headOfSize(pool, accountId, size).map(found -> found.orElseThrow(() -> new ProblemException(
                        404, "Not found", "No signed tree head of size " + size,
                        List.of(new FieldProblem("treeSize", "is not the size of a signed tree head")))));
        return calls.bounded(head.chain(h -> seals.treeSize(pool, accountId).chain(sealed -> {
            if (h == null) {
                if (!ids.isEmpty()) {
                    throw conflict("No tree head of this account is signed yet");
                }
                return Uni.createFrom().item(new MultiproofView(null, sealed, List.of(), List.of(), List.of()));
            }
            if (ids.isEmpty()) {
                return Uni.createFrom().item(new MultiproofView(IntegrityService.view(h), sealed, List.of(),
                        List.of(), List.of()));
            }
            return seals.leavesOf(pool, accountId, new ArrayList<>(new LinkedHashSet<>(ids)))
                    .call(found -> unknownIsNotFound(accountId, ids, found))
                    .chain(found -> answer(accountId, h, sealed, ids, found));
        })));
    }

    /**
     * An id without a leaf is either an event not sealed yet (409, answered below) or none of the account's: that is
     * a 404, as for every other read of an event the account does not have.
     */
    private Uni<Void> unknownIsNotFound(String accountId, List<String> ids, Map<String, SealedLeaf> found) {
        String missing = ids.stream().filter(id -> !found.containsKey(id)).findFirst().orElse(null);
        if (missing == null) {
            return Uni.createFrom().voidItem();
        }
        return events.findById(accountId, missing).map(event -> {
            if (event == null) {
                throw new ProblemException(404, "Not found", "No event " + missing + " in this account",
                        List.of(new FieldProblem("eventIds", "names an event this account does not have")));
            }
            return null;
        });
    }

    private Uni<MultiproofView> answer(String accountId, SignedHead head, long sealed, List<String> ids,
            Map<String, SealedLeaf> found) {
        List<Long> indexes = new ArrayList<>(ids.size());
        List<String> hashes = new ArrayList<>(ids.size());
        Base64.Encoder b64 = Base64.getEncoder();
        for (String id : ids) {
            SealedLeaf leaf = found.get(id);
            if (leaf == null) {
                throw conflict("Event " + id + " is not sealed yet; the sealer follows the "
                        + "feed within seconds");
            }
            if (leaf.leafIndex() >= head.treeSize()) {
                throw conflict("Event " + id + " is leaf " + leaf.leafIndex() + ", sealed after the tree head of size "
                        + head.treeSize());
            }
            indexes.add(leaf.leafIndex());
            hashes.add(b64.encodeToString(leaf.leafHash()));
        }
        long[] sorted = indexes.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
        Set<NodeKey> needed = new LinkedHashSet<>();
        Multiproof.prove(sorted, head.treeSize(), (level, index) -> {
            needed.add(new NodeKey(accountId, level, index));
            return PLACEHOLDER;
        });
        return seals.nodes(pool, new ArrayList<>(needed)).map(nodes -> {
            List<byte[]> proof = Multiproof.prove(sorted, head.treeSize(), (level, index) -> {
                byte[] hash = nodes.get(new NodeKey(accountId, level, index));
                if (hash == null) {
                    throw new IllegalStateException("Account " + accountId + "'s tree lacks node " + level + "/"
                            + index);
                }
                return hash;
            });
            return new MultiproofView(IntegrityService.view(head), sealed, indexes, hashes,
                    proof.stream().map(b64::encodeToString).toList());
        });
    }

    /** The event ids asked for: present, at most {@link #MAX_EVENTS}, none blank; a size of at least 1. */
    private static List<String> check(MultiproofRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("eventIds", "is required (a body {\"treeSize\", \"eventIds\"})");
        }
        if (request.treeSize() != null && request.treeSize() < 1) {
            throw ProblemException.badRequest("treeSize", "must be a tree size: a whole number of at least 1");
        }
        List<String> ids = request.eventIds();
        if (ids == null) {
            throw ProblemException.badRequest("eventIds", "is required (an empty list asks for the head alone)");
        }
        if (ids.size() > MAX_EVENTS) {
            throw ProblemException.badRequest("eventIds", "must hold at most " + MAX_EVENTS + " ids; ask in chunks");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.get(i).isBlank()) {
                throw ProblemException.badRequest("eventIds[" + i + "]", "must be an event id");
            }
        }
        return ids;
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }
}
