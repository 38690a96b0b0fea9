package io.auditlog.integrity;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A proof that many leaves are in one RFC 9162 tree at once (a report's rows under one signed head). For a set of
 * distinct leaf indices S, sorted, in the tree of n leaves, the proof is the hashes of the maximal subtrees that hold
 * no index of S, left to right. The verifier recomputes MTH(0, n) by the RFC's recursion (split at the largest power
 * of two below the size), taking the next proof hash for each subtree without a selected leaf and the given leaf
 * hash for each selected leaf.
 *
 * <p>Why not one inclusion proof per row: neighbouring rows share almost their whole audit path, so n inclusion
 * proofs repeat the same hashes log(n) times each; the multiproof names each needed subtree once, and for a report
 * of consecutive leaves it is O(log n) hashes in all.
 */
public final class Multiproof {

    private Multiproof() {
    }

    /** The proof for the sorted, distinct {@code indices} in the tree of {@code size} leaves. */
    public static List<byte[]> prove(long[] indices, long size, Merkle.NodeSource nodes) {
        requireSortedBelow(indices, size);
        List<byte[]> out = new ArrayList<>();
        if (indices.length > 0) {
            prove(indices, 0, indices.length, 0, size, nodes, out);
        }
        return out;
    }

    private static void prove(long[] s, int lo, int hi, long start, long end, Merkle.NodeSource nodes,
            List<byte[]> out) {
        if (lo == hi) {
            out.add(Merkle.rangeHash(start, end, nodes));
            return;
        }
        long n = end - start;
        if (n == 1) {
            return;
        }
        long split = start + Merkle.largestPowerOfTwoBelow(n);
        int mid = firstAtOrAbove(s, lo, hi, split);
        prove(s, lo, mid, start, split, nodes, out);
        prove(s, mid, hi, split, end, nodes, out);
    }

    /**
     * The root these leaves and this proof make, or null when they cannot make one (an index out of order or not
     * below the size, a wrong number of proof hashes, a hash of the wrong length). {@code leafHashes} are in the
     * order of {@code indices}.
     */
    public static byte[] root(long[] indices, List<byte[]> leafHashes, long size, List<byte[]> proof) {
        if (indices.length == 0 || indices.length != leafHashes.size() || !sortedBelow(indices, size)) {
            return null;
        }
        for (byte[] hash : proof) {
            if (hash == null || hash.length != Merkle.HASH_SIZE) {
                return null;
            }
        }
        for (byte[] hash : leafHashes) {
            if (hash == null || hash.length != Merkle.HASH_SIZE) {
                return null;
            }
        }
        int[] next = { 0 };
        byte[] root = root(indices, leafHashes, 0, indices.length, 0, size, proof, next);
        return root == null || next[0] != proof.size() ? null : root;
    }

    /** Whether the leaves and the proof make {@code expectedRoot}. */
    public static boolean verify(long[] indices, List<byte[]> leafHashes, long size, List<byte[]> proof,
            byte[] expectedRoot) {
        byte[] root = root(indices, leafHashes, size, proof);
        return root != null && expectedRoot != null && MessageDigest.isEqual(root, expectedRoot);
    }

    private static byte[] root(long[] s, List<byte[]> leaves, int lo, int hi, long start, long end,
            List<byte[]> proof, int[] next) {
        if (lo == hi) {
            return next[0] < proof.size() ? proof.get(next[0]++) : null;
        }
        long n = end - start;
        if (n == 1) {
            return leaves.get(lo);
        }
        long split = start + Merkle.largestPowerOfTwoBelow(n);
        int mid = firstAtOrAbove(s, lo, hi, split);
        byte[] left = root(s, leaves, lo, mid, start, split, proof, next);
        if (left == null) {
            return null;
        }
        byte[] right = root(s, leaves, mid, hi, split, end, proof, next);
        return right == null ? null : Merkle.nodeHash(left, right);
    }

    /** The first position in {@code s[lo, hi)} holding an index at or above {@code value} (binary search). */
    private static int firstAtOrAbove(long[] s, int lo, int hi, long value) {
        int a = lo;
        int b = hi;
        while (a < b) {
            int m = (a + b) >>> 1;
            if (s[m] < value) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        return a;
    }

    private static boolean sortedBelow(long[] indices, long size) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size || (i > 0 && indices[i] <= indices[i - 1])) {
                return false;
            }
        }
        return true;
    }

    private static void requireSortedBelow(long[] indices, long size) {
        if (!sortedBelow(indices, size)) {
            throw new IllegalArgumentException("leaf indices must be distinct, ascending and below the tree size "
                    + size);
        }
    }
}
