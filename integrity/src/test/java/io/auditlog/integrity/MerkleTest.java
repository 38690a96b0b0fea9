package io.auditlog.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Production proofs (from stored complete nodes) against the RFC's recursive definitions, for sizes 1..100. */
class MerkleTest {

    static final int MAX = 100;

    /** A tree grown leaf by leaf through Frontier, its finished nodes kept as a log would store them. */
    static final class StoredTree implements Merkle.NodeSource {
        final Map<String, byte[]> nodes = new HashMap<>();
        final Frontier frontier = Frontier.empty();
        final List<byte[]> roots = new ArrayList<>();

        StoredTree(List<byte[]> entries) {
            roots.add(frontier.root());
            for (byte[] entry : entries) {
                for (Frontier.Node node : frontier.append(Merkle.leafHash(entry))) {
                    byte[] before = nodes.put(node.level() + "/" + node.index(), node.hash());
                    if (before != null) {
                        throw new AssertionError("node " + node.level() + "/" + node.index() + " written twice");
                    }
                }
                roots.add(frontier.root());
            }
        }

        @Override
        public byte[] node(int level, long index) {
            byte[] hash = nodes.get(level + "/" + index);
            if (hash == null) {
                throw new AssertionError("node " + level + "/" + index + " is not complete");
            }
            return hash;
        }
    }

    static List<byte[]> entries(int n) {
        List<byte[]> d = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            d.add(("entry-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return d;
    }

    static void assertSameHashes(List<byte[]> expected, List<byte[]> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": length");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), what + ": element " + i);
        }
    }

    static byte[] flipped(byte[] hash) {
        byte[] copy = hash.clone();
        copy[7] ^= 0x40;
        return copy;
    }

    @Test
    void rootsOfEverySizeMatchTheReference() {
        List<byte[]> d = entries(MAX);
        StoredTree tree = new StoredTree(d);
        for (int n = 0; n <= MAX; n++) {
            byte[] expected = Rfc6962Reference.mth(d.subList(0, n));
            assertArrayEquals(expected, tree.roots.get(n), "frontier root at size " + n);
            assertArrayEquals(expected, Merkle.root(n, tree), "stored-node root at size " + n);
            assertArrayEquals(expected, Frontier.of(n, tree).root(), "reloaded frontier root at size " + n);
        }
    }

    @Test
    void inclusionProofsForEveryLeafOfEverySize() {
        List<byte[]> d = entries(MAX);
        StoredTree tree = new StoredTree(d);
        for (int n = 1; n <= MAX; n++) {
            byte[] root = tree.roots.get(n);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = Merkle.inclusionProof(m, n, tree);
                assertSameHashes(Rfc6962Reference.path(m, d.subList(0, n)), proof, "PATH(" + m + ", D[" + n + "])");
                byte[] leaf = Merkle.leafHash(d.get(m));
                assertTrue(Merkle.verifyInclusion(m, n, leaf, proof, root), "verifies " + m + " in " + n);
                assertFalse(Merkle.verifyInclusion(m, n, flipped(leaf), proof, root), "another leaf " + m + "/" + n);
                assertFalse(Merkle.verifyInclusion(m, n, leaf, proof, flipped(root)), "another root " + m + "/" + n);
                if (n > 1) {
                    assertFalse(Merkle.verifyInclusion((m + 1) % n, n, leaf, proof, root), "another index " + m + "/" + n);
                    List<byte[]> bad = new ArrayList<>(proof);
                    bad.set(0, flipped(bad.get(0)));
                    assertFalse(Merkle.verifyInclusion(m, n, leaf, bad, root), "a changed path " + m + "/" + n);
                    assertFalse(Merkle.verifyInclusion(m, n, leaf, proof.subList(0, proof.size() - 1), root),
                            "a short path " + m + "/" + n);
                }
                List<byte[]> longer = new ArrayList<>(proof);
                longer.add(root);
                assertFalse(Merkle.verifyInclusion(m, n, leaf, longer, root), "a long path " + m + "/" + n);
            }
        }
    }

    @Test
    void consistencyProofsForEveryPairOfSizes() {
        List<byte[]> d = entries(MAX);
        StoredTree tree = new StoredTree(d);
        for (int n = 1; n <= MAX; n++) {
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = Merkle.consistencyProof(m, n, tree);
                assertSameHashes(Rfc6962Reference.proof(m, d.subList(0, n)), proof, "PROOF(" + m + ", D[" + n + "])");
                byte[] first = tree.roots.get(m);
                byte[] second = tree.roots.get(n);
                assertTrue(Merkle.verifyConsistency(m, n, first, second, proof), "consistent " + m + " -> " + n);
                assertFalse(Merkle.verifyConsistency(m, n, flipped(first), second, proof), "other first " + m + "/" + n);
                assertFalse(Merkle.verifyConsistency(m, n, first, flipped(second), proof), "other second " + m + "/" + n);
                if (m < n) {
                    List<byte[]> bad = new ArrayList<>(proof);
                    int i = (m * 7 + n) % bad.size();
                    bad.set(i, flipped(bad.get(i)));
                    assertFalse(Merkle.verifyConsistency(m, n, first, second, bad), "a changed proof " + m + "/" + n);
                    assertFalse(Merkle.verifyConsistency(m, n, first, second, List.of()), "no proof " + m + "/" + n);
                    if (m > 1) {
                        assertFalse(Merkle.verifyConsistency(m - 1, n, tree.roots.get(m - 1), second, proof),
                                "another first size " + m + "/" + n);
                    }
                }
            }
        }
    }

    @Test
    void aRewrittenHistoryIsNotConsistent() {
        List<byte[]> d = entries(40);
        StoredTree honest = new StoredTree(d);
        List<byte[]> rewritten = new ArrayList<>(d);
        rewritten.set(11, "forged".getBytes(StandardCharsets.UTF_8));
        StoredTree forged = new StoredTree(rewritten);
        for (int m = 12; m <= 30; m++) {
            List<byte[]> proof = Merkle.consistencyProof(m, 40, forged);
            assertFalse(Merkle.verifyConsistency(m, 40, honest.roots.get(m), forged.roots.get(40), proof), "m=" + m);
        }
    }

    // Certificate Transparency's published vectors (google/certificate-transparency, merkle_tree_test.cc and
    // python/ct/crypto/in_memory_merkle_tree_test.py): 8 leaves, the roots of sizes 1..8, paths and proofs.
    static final String[] CT_LEAVES = { "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f" };
    static final String[] CT_ROOTS = { "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328" };

    static List<byte[]> hex(String... values) {
        List<byte[]> out = new ArrayList<>();
        for (String v : values) {
            out.add(HexFormat.of().parseHex(v));
        }
        return out;
    }

    @Test
    void certificateTransparencyVectors() {
        StoredTree tree = new StoredTree(hex(CT_LEAVES));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HexFormat.of().formatHex(Merkle.emptyRoot()));
        for (int n = 1; n <= 8; n++) {
            assertEquals(CT_ROOTS[n - 1], HexFormat.of().formatHex(tree.roots.get(n)), "root of size " + n);
        }
        assertSameHashes(hex("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"), Merkle.inclusionProof(0, 8, tree),
                "path 0 in 8");
        assertSameHashes(hex("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"), Merkle.inclusionProof(5, 8, tree),
                "path 5 in 8");
        assertSameHashes(hex("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
                Merkle.inclusionProof(2, 3, tree), "path 2 in 3");
        assertSameHashes(hex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"), Merkle.inclusionProof(1, 5, tree),
                "path 1 in 5");
        assertSameHashes(List.of(), Merkle.consistencyProof(1, 1, tree), "proof 1 to 1");
        assertSameHashes(hex("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"), Merkle.consistencyProof(1, 8, tree),
                "proof 1 to 8");
        assertSameHashes(hex("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"), Merkle.consistencyProof(6, 8, tree),
                "proof 6 to 8");
        assertSameHashes(hex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"), Merkle.consistencyProof(2, 5, tree),
                "proof 2 to 5");
    }
}
