package io.auditlog.integrity;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing Merkle tree: the complete subtrees whose sizes are the set bits of the tree size
 * (a compact range, as in Certificate Transparency's and Trillian's logs). Appending a leaf tells which complete
 * nodes it finishes, so a log stores each node exactly once, at the moment it becomes final.
 */
public final class Frontier {

    /** A complete subtree that an append finished. */
    public record Node(int level, long index, byte[] hash) {
    }

    private long size;
    /** By level; null where the size has no such bit. */
    private final List<byte[]> byLevel = new ArrayList<>();

    private Frontier(long size) {
        this.size = size;
    }

    public static Frontier empty() {
        return new Frontier(0);
    }

    /** The levels and indexes of the nodes that make up the right edge of a tree of {@code size} leaves. */
    public static List<Node> edge(long size) {
        List<Node> edge = new ArrayList<>();
        for (int level = 63 - Long.numberOfLeadingZeros(Math.max(size, 1)); level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                edge.add(new Node(level, (size >>> level) - 1, null));
            }
        }
        return edge;
    }

    /** The frontier of a tree of {@code size} leaves, read from its stored complete nodes. */
    public static Frontier of(long size, Merkle.NodeSource nodes) {
        Frontier frontier = new Frontier(size);
        for (Node node : edge(size)) {
            frontier.set(node.level(), nodes.node(node.level(), node.index()));
        }
        return frontier;
    }

    public long size() {
        return size;
    }

    /** Appends a leaf hash; answers the complete nodes it finished, the leaf itself first (level 0). */
    public List<Node> append(byte[] leafHash) {
        List<Node> finished = new ArrayList<>(2);
        long index = size;
        byte[] hash = leafHash;
        int level = 0;
        finished.add(new Node(0, index, hash));
        while ((index & 1) == 1) {
            hash = Merkle.nodeHash(byLevel.get(level), hash);
            set(level, null);
            level++;
            index >>>= 1;
            finished.add(new Node(level, index, hash));
        }
        set(level, hash);
        size++;
        return finished;
    }

    /** The root hash of the tree as it stands. */
    public byte[] root() {
        byte[] acc = null;
        for (byte[] hash : byLevel) {
            if (hash != null) {
                acc = acc == null ? hash : Merkle.nodeHash(hash, acc);
            }
        }
        return acc == null ? Merkle.emptyRoot() : acc;
    }

    private void set(int level, byte[] hash) {
        while (byLevel.size() <= level) {
            byLevel.add(null);
        }
        byLevel.set(level, hash);
    }
}
