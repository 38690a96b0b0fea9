package io.auditlog.integrity;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Offline checks of what the audit-service publishes, with no database: a signed tree head against the published
 * keys, an event against its inclusion proof, two heads against a consistency proof, and a whole log (its leaves
 * and its events) against a head. Each check answers the problems it found, each naming the event or leaf and why;
 * no problem means verified.
 */
public final class Verifier {

    /** A leaf as {@code GET /api/v1/integrity/leaves} lists it. */
    public record Leaf(long leafIndex, String eventId, byte[] leafHash) {
    }

    /** What a whole-log check needs of an event: its leaf hash and recording time (a log's events need not stay parsed). */
    public record EventDigest(byte[] leafHash, Instant recordedAt) {

        public static EventDigest of(JsonNode event) {
            return new EventDigest(EventLeaf.leafHash(event), instant(event.path("recordedAt").asText(null)));
        }
    }

    private Verifier() {
    }

    /** Whether the head is signed by a published key; the problem, else none. */
    public static List<String> head(Map<String, PublicKey> keys, TreeHead head) {
        List<String> problems = new ArrayList<>();
        PublicKey key = keys.get(head.keyId());
        if (key == null) {
            problems.add(describe(head) + ": key " + head.keyId() + " is not among the published keys " + keys.keySet());
        } else if (!head.verify(key)) {
            problems.add(describe(head) + ": the signature does not verify with key " + head.keyId()
                    + " (the head was changed or not signed by this log)");
        }
        return problems;
    }

    /**
     * An event (as the API returned it) against its inclusion proof (as {@code GET /api/v1/events/{id}/proof}
     * returned it) and the signed head the customer holds.
     */
    public static List<String> event(Map<String, PublicKey> keys, TreeHead head, JsonNode event, JsonNode proof) {
        List<String> problems = new ArrayList<>(head(keys, head));
        String id = event.path("id").asText("?");
        String what = "event " + id;
        if (!head.accountId().equals(event.path("accountId").asText())) {
            problems.add(what + ": belongs to account " + event.path("accountId").asText() + ", the tree head to "
                    + head.accountId());
        }
        if (!id.equals(proof.path("eventId").asText())) {
            problems.add(what + ": the proof is for event " + proof.path("eventId").asText());
            return problems;
        }
        long index = proof.path("leafIndex").asLong(-1);
        JsonNode proofHead = proof.path("treeHead");
        if (proofHead.path("treeSize").asLong(-1) != head.treeSize()
                || !proofHead.path("rootHash").asText().equals(Base64.getEncoder().encodeToString(head.rootHash()))) {
            problems.add(what + ": the proof is for the tree of size " + proofHead.path("treeSize").asText()
                    + ", not the tree head given (size " + head.treeSize() + ")");
            return problems;
        }
        byte[] sealed;
        List<byte[]> path;
        try {
            sealed = Base64.getDecoder().decode(proof.path("leafHash").asText());
            path = Hashes.fromBase64List(proof.get("inclusionProof"), "inclusionProof");
        } catch (IllegalArgumentException e) {
            problems.add(what + ": the proof is malformed: " + e.getMessage());
            return problems;
        }
        byte[] computed = EventLeaf.leafHash(event);
        if (!MessageDigest.isEqual(computed, sealed)) {
            problems.add(what + ": its content does not match leaf " + index + " sealed for it (leaf hash "
                    + Hashes.base64(computed) + ", sealed " + Hashes.base64(sealed)
                    + "): the event was changed after it was sealed");
        }
        if (!Merkle.verifyInclusion(index, head.treeSize(), sealed, path, head.rootHash())) {
            problems.add(what + ": the inclusion proof of leaf " + index + " does not lead to the signed root of "
                    + describe(head));
        }
        return problems;
    }

    /** Two signed heads of one account and the consistency proof from the first to the second. */
    public static List<String> consistency(Map<String, PublicKey> keys, TreeHead first, TreeHead second,
            JsonNode proof) {
        List<String> problems = new ArrayList<>(head(keys, first));
        problems.addAll(head(keys, second));
        if (!first.accountId().equals(second.accountId())) {
            problems.add("the tree heads are of accounts " + first.accountId() + " and " + second.accountId());
            return problems;
        }
        if (first.treeSize() > second.treeSize()) {
            problems.add(describe(second) + " is smaller than the earlier " + describe(first)
                    + ": the log lost its tail");
            return problems;
        }
        List<byte[]> path;
        try {
            path = Hashes.fromBase64List(proof.get("consistencyProof"), "consistencyProof");
        } catch (IllegalArgumentException e) {
            problems.add("the consistency proof is malformed: " + e.getMessage());
            return problems;
        }
        if (!Merkle.verifyConsistency(first.treeSize(), second.treeSize(), first.rootHash(), second.rootHash(), path)) {
            problems.add(describe(second) + " does not extend " + describe(first)
                    + ": the history between them was rewritten");
        }
        return problems;
    }

    /**
     * A whole log against a signed head: the leaves {@code [0, treeSize)} make its root, and each leaf's event is
     * present and unchanged. An event recorded more than {@code margin} before the head was signed that has no leaf
     * under it was put into the log afterwards (an honest event is sealed within seconds of its commit).
     */
    public static List<String> log(Map<String, PublicKey> keys, TreeHead head, List<Leaf> leaves,
            Map<String, JsonNode> eventsById, Duration margin) {
        Map<String, EventDigest> digests = new java.util.LinkedHashMap<>();
        eventsById.forEach((id, event) -> digests.put(id, EventDigest.of(event)));
        return logOfDigests(keys, head, leaves, digests, margin);
    }

    /** {@link #log} over events already reduced to their digests (the verifier streams a report this way). */
    public static List<String> logOfDigests(Map<String, PublicKey> keys, TreeHead head, List<Leaf> leaves,
            Map<String, EventDigest> eventsById, Duration margin) {
        List<String> problems = new ArrayList<>(head(keys, head));
        Frontier frontier = Frontier.empty();
        Set<String> sealed = new HashSet<>();
        for (Leaf leaf : leaves) {
            if (leaf.leafIndex() >= head.treeSize()) {
                break;
            }
            if (leaf.leafIndex() != frontier.size()) {
                problems.add("leaf " + frontier.size() + ": missing from the list of leaves");
                return problems;
            }
            frontier.append(leaf.leafHash());
            sealed.add(leaf.eventId());
            EventDigest event = eventsById.get(leaf.eventId());
            if (event == null) {
                problems.add("event " + leaf.eventId() + " (leaf " + leaf.leafIndex()
                        + "): missing from the log: deleted after it was sealed");
            } else if (!MessageDigest.isEqual(event.leafHash(), leaf.leafHash())) {
                problems.add("event " + leaf.eventId() + " (leaf " + leaf.leafIndex()
                        + "): its content does not match its sealed leaf: changed after it was sealed");
            }
        }
        if (frontier.size() < head.treeSize()) {
            problems.add("leaves " + frontier.size() + " to " + (head.treeSize() - 1) + " of " + describe(head)
                    + ": missing from the list of leaves");
        } else if (!MessageDigest.isEqual(frontier.root(), head.rootHash())) {
            problems.add("the leaves do not make the signed root of " + describe(head)
                    + ": the sealed leaves were changed");
        }
        Instant signedAt = instant(head.issuedAt());
        if (signedAt != null) {
            for (Map.Entry<String, EventDigest> entry : eventsById.entrySet()) {
                Instant recorded = entry.getValue().recordedAt();
                if (!sealed.contains(entry.getKey()) && recorded != null
                        && recorded.isBefore(signedAt.minus(margin))) {
                    problems.add("event " + entry.getKey() + ": recorded at " + recorded + ", before " + describe(head)
                            + " was signed at " + signedAt + ", but not in it: put into the log afterwards");
                }
            }
        }
        return problems;
    }

    static String describe(TreeHead head) {
        return "the tree head of size " + head.treeSize() + " (account " + head.accountId() + ", " + head.issuedAt()
                + ")";
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
