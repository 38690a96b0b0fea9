package io.auditlog.integrity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162 Merkle tree hashing and proofs (section 2.1). A leaf hash is {@code SHA-256(0x00 || data)}, an inner
 * node {@code SHA-256(0x01 || left || right)}, the empty tree {@code SHA-256("")}.
 *
 * <p>Proofs are built from the hashes of complete, aligned subtrees ({@link NodeSource}): the node at level
 * {@code L}, index {@code i} covers leaves {@code [i * 2^L, (i + 1) * 2^L)}; level 0 holds the leaf hashes. Those
 * nodes never change once the tree has grown past them, so a log can store them as it appends and answer any
 * proof for any earlier size with O(log n) reads.
 */
public final class Merkle {

    public static final int HASH_SIZE = 32;
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private Merkle() {
    }

    /** The hash of a complete subtree: level {@code level}, index {@code index}. */
    @FunctionalInterface
    public interface NodeSource {
        byte[] node(int level, long index);
    }

    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        return digest.digest(data);
    }

    /** {@link #leafHash(byte[])} of {@code data[offset, offset + length)}. */
    public static byte[] leafHash(byte[] data, int offset, int length) {
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        digest.update(data, offset, length);
        return digest.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update(NODE_PREFIX);
        digest.update(left);
        return digest.digest(right);
    }

    /** MTH of the leaves {@code [start, end)}; {@code start} is aligned to the largest power of two below the size. */
    public static byte[] rangeHash(long start, long end, NodeSource nodes) {
        long n = end - start;
        if (n <= 0) {
            throw new IllegalArgumentException("empty range");
        }
        if (Long.bitCount(n) == 1) {
            int level = Long.numberOfTrailingZeros(n);
            return nodes.node(level, start >>> level);
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(rangeHash(start, start + k, nodes), rangeHash(start + k, end, nodes));
    }

    /** The root hash of the tree of the first {@code size} leaves. */
    public static byte[] root(long size, NodeSource nodes) {
        return size == 0 ? emptyRoot() : rangeHash(0, size, nodes);
    }

    /** RFC 9162 2.1.3.1: the inclusion proof (audit path) of leaf {@code index} in the tree of {@code size}. */
    public static List<byte[]> inclusionProof(long index, long size, NodeSource nodes) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is not below tree size " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, size, nodes, path);
        return path;
    }

    private static void path(long m, long start, long end, NodeSource nodes, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, start + k, nodes, out);
            out.add(rangeHash(start + k, end, nodes));
        } else {
            path(m - k, start + k, end, nodes, out);
            out.add(rangeHash(start, start + k, nodes));
        }
    }

    /** RFC 9162 2.1.4.1: the consistency proof between the trees of {@code first} and {@code second} leaves. */
    public static List<byte[]> consistencyProof(long first, long second, NodeSource nodes) {
        if (first <= 0 || first > second) {
            throw new IllegalArgumentException("need 0 < first <= second, got " + first + " and " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first < second) {
            subproof(first, 0, second, true, nodes, proof);
        }
        return proof;
    }

    private static void subproof(long m, long start, long end, boolean complete, NodeSource nodes, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                out.add(rangeHash(start, end, nodes));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, complete, nodes, out);
            out.add(rangeHash(start + k, end, nodes));
        } else {
            subproof(m - k, start + k, end, false, nodes, out);
            out.add(rangeHash(start, start + k, nodes));
        }
    }

    /**
     * RFC 9162 2.1.3.2: whether {@code proof} shows the leaf hash at {@code index} in the tree of {@code size}
     * with root {@code root}.
     */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size || leafHash == null || root == null) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (p == null || p.length != HASH_SIZE || sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * RFC 9162 2.1.4.2: whether {@code proof} shows that the tree of {@code second} leaves with root
     * {@code secondRoot} extends the tree of {@code first} leaves with root {@code firstRoot}.
     */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
            List<byte[]> proof) {
        if (first <= 0 || first > second || firstRoot == null || secondRoot == null) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        for (byte[] p : proof) {
            if (p == null || p.length != HASH_SIZE) {
                return false;
            }
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
    }

    /** The largest power of two strictly smaller than {@code n} (n >= 2). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** Copied for each hash: a provider lookup per leaf and node cost more than the hash of a small leaf. */
    private static final MessageDigest SHA_256 = newSha256();

    static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
