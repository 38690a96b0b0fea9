package io.auditlog.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Multiproofs from stored complete nodes against a reference written from the RFC's MTH recursion, sizes 1..100. */
class MultiproofTest {

    /**
     * The reference: walk MTH(D[n]) as RFC 9162 2.1.1 defines it; a part holding no selected entry contributes its
     * MTH (computed from the entries themselves), a selected entry nothing, the rest recurses.
     */
    static List<byte[]> reference(List<byte[]> d, int offset, TreeSet<Integer> selected) {
        List<byte[]> out = new ArrayList<>();
        int n = d.size();
        if (selected.subSet(offset, offset + n).isEmpty()) {
            out.add(Rfc6962Reference.mth(d));
            return out;
        }
        if (n == 1) {
            return out;
        }
        int k = Rfc6962Reference.k(n);
        out.addAll(reference(d.subList(0, k), offset, selected));
        out.addAll(reference(d.subList(k, n), offset + k, selected));
        return out;
    }

    static long[] indices(TreeSet<Integer> s) {
        return s.stream().mapToLong(Integer::longValue).toArray();
    }

    static List<byte[]> leaves(List<byte[]> d, TreeSet<Integer> s) {
        return s.stream().map(i -> Merkle.leafHash(d.get(i))).toList();
    }

    @Test
    void everySizeWithRandomSubsetsMatchesTheReferenceAndMakesTheRoot() {
        List<byte[]> d = MerkleTest.entries(MerkleTest.MAX);
        MerkleTest.StoredTree tree = new MerkleTest.StoredTree(d);
        Random random = new Random(16);
        for (int n = 1; n <= MerkleTest.MAX; n++) {
            byte[] root = tree.roots.get(n);
            for (int trial = 0; trial < 12; trial++) {
                TreeSet<Integer> s = new TreeSet<>();
                int wanted = trial == 0 ? n : 1 + random.nextInt(n); // the first trial: every leaf
                while (s.size() < wanted) {
                    s.add(random.nextInt(n));
                }
                long[] idx = indices(s);
                List<byte[]> proof = Multiproof.prove(idx, n, tree);
                MerkleTest.assertSameHashes(reference(d.subList(0, n), 0, s), proof, "multiproof " + s + " of " + n);
                List<byte[]> hashes = leaves(d, s);
                assertArrayEquals(root, Multiproof.root(idx, hashes, n, proof), "root of " + s + " in " + n);
                assertTrue(Multiproof.verify(idx, hashes, n, proof, root));

                List<byte[]> changed = new ArrayList<>(hashes);
                int at = random.nextInt(changed.size());
                changed.set(at, MerkleTest.flipped(changed.get(at)));
                assertFalse(Multiproof.verify(idx, changed, n, proof, root), "a changed leaf " + s + "/" + n);
                if (!proof.isEmpty()) {
                    List<byte[]> bad = new ArrayList<>(proof);
                    bad.set(0, MerkleTest.flipped(bad.get(0)));
                    assertFalse(Multiproof.verify(idx, hashes, n, bad, root), "a changed node " + s + "/" + n);
                    assertNull(Multiproof.root(idx, hashes, n, proof.subList(1, proof.size())), "a short proof");
                }
                List<byte[]> longer = new ArrayList<>(proof);
                longer.add(root);
                assertNull(Multiproof.root(idx, hashes, n, longer), "a long proof " + s + "/" + n);
                if (n > 1 && s.size() < n) {
                    // The same hashes claimed at other places: the proof shape no longer fits.
                    int moved = s.first() - 1;
                    if (moved >= 0 && !s.contains(moved)) {
                        long[] other = idx.clone();
                        other[0] = moved;
                        assertFalse(Multiproof.verify(other, hashes, n, proof, root), "moved leaf " + s + "/" + n);
                    }
                }
            }
        }
    }

    @Test
    void consecutiveLeavesNeedOnlyTheirEdges() {
        List<byte[]> d = MerkleTest.entries(100);
        MerkleTest.StoredTree tree = new MerkleTest.StoredTree(d);
        long[] idx = new long[50];
        for (int i = 0; i < 50; i++) {
            idx[i] = 30 + i;
        }
        assertTrue(Multiproof.prove(idx, 100, tree).size() <= 2 * 7, "O(log n) hashes for a run of leaves");
    }

    @Test
    void unsortedDuplicateOrOutOfRangeIndicesAreRefused() {
        MerkleTest.StoredTree tree = new MerkleTest.StoredTree(MerkleTest.entries(8));
        assertThrows(IllegalArgumentException.class, () -> Multiproof.prove(new long[] { 3, 2 }, 8, tree));
        assertThrows(IllegalArgumentException.class, () -> Multiproof.prove(new long[] { 2, 2 }, 8, tree));
        assertThrows(IllegalArgumentException.class, () -> Multiproof.prove(new long[] { 8 }, 8, tree));
        byte[] h = new byte[32];
        assertNull(Multiproof.root(new long[] { 3, 2 }, List.of(h, h), 8, List.of()));
        assertNull(Multiproof.root(new long[] {}, List.of(), 8, List.of()));
    }
}
