package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Merkle code against the published RFC 6962 / RFC 9162 reference vectors of Google's
 * transparency-dev/merkle (proof/verify_test.go): the 8-leaf reference tree, its roots at every
 * size, inclusion and consistency proofs, and the corruptions that must make verification fail.
 */
class MerkleTest {
    static final HexFormat HEX = HexFormat.of();

    static final byte[][] LEAVES = {
            h(""), h("00"), h("10"), h("2021"), h("3031"), h("40414243"), h("5051525354555657"),
            h("606162636465666768696a6b6c6d6e6f"),
    };

    /** Roots of the trees of the first 1..8 leaves. */
    static final String[] ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    static final byte[] EMPTY_TREE = h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    static final byte[] SOME_HASH = h("abacaba000000000000000000000000000000000000000000060061e00123456");

    /** (leaf index 0-based, tree size, proof). */
    record Inclusion(int leaf, int size, String... proof) {
    }

    static final List<Inclusion> INCLUSION = List.of(
            new Inclusion(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
            new Inclusion(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
            new Inclusion(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
            new Inclusion(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
            new Inclusion(0, 1));

    record Consistency(int size1, int size2, String... proof) {
    }

    static final List<Consistency> CONSISTENCY = List.of(
            new Consistency(1, 1),
            new Consistency(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
            new Consistency(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
            new Consistency(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
            new Consistency(6, 7, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));

    static byte[] h(String hex) {
        return HEX.parseHex(hex);
    }

    static List<byte[]> leafHashes(int n) {
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hashes.add(Merkle.leafHash(LEAVES[i]));
        }
        return hashes;
    }

    static List<byte[]> proof(String... hex) {
        List<byte[]> p = new ArrayList<>();
        for (String s : hex) {
            p.add(h(s));
        }
        return p;
    }

    @Test
    void emptyTreeIsTheHashOfTheEmptyString() {
        assertThat(Merkle.root(List.of())).isEqualTo(EMPTY_TREE);
        assertThat(new CompactRange().root()).isEqualTo(EMPTY_TREE);
    }

    @Test
    void rootsOfTheReferenceTreeAtEverySize() {
        CompactRange range = new CompactRange();
        for (int n = 1; n <= 8; n++) {
            range.append(Merkle.leafHash(LEAVES[n - 1]));
            assertThat(HEX.formatHex(Merkle.root(leafHashes(n)))).as("MTH of %d leaves", n).isEqualTo(ROOTS[n - 1]);
            assertThat(HEX.formatHex(range.root())).as("compact range of %d leaves", n).isEqualTo(ROOTS[n - 1]);
        }
    }

    @Test
    void compactRangeAgreesWithTheRecursiveDefinitionUpToAThousandLeaves() {
        CompactRange range = new CompactRange();
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            byte[] leaf = Merkle.leafHash(Integer.toString(i).getBytes());
            hashes.add(leaf);
            range.append(leaf);
            if (i < 70 || i % 97 == 0 || i == 999) {
                assertThat(range.root()).as("size %d", i + 1).isEqualTo(Merkle.root(hashes));
            }
        }
    }

    @Test
    void inclusionProofsAreGeneratedAndVerifiedAsTheVectorsSay() {
        for (Inclusion v : INCLUSION) {
            List<byte[]> hashes = leafHashes(v.size());
            List<byte[]> expected = proof(v.proof());
            assertThat(Merkle.inclusionProof(v.leaf(), hashes)).as("PATH(%d, D[%d])", v.leaf(), v.size())
                    .usingElementComparator(MerkleTest::compare).containsExactlyElementsOf(expected);
            byte[] root = h(ROOTS[v.size() - 1]);
            byte[] leaf = hashes.get(v.leaf());
            assertThat(Merkle.verifyInclusion(v.leaf(), v.size(), leaf, expected, root)).isTrue();
            for (Probe p : corruptInclusion(v.leaf(), v.size(), expected, root, leaf)) {
                assertThat(Merkle.verifyInclusion(p.index, p.size, p.leaf, p.proof, p.root))
                        .as("inclusion %d in %d must fail with %s", v.leaf(), v.size(), p.desc).isFalse();
            }
        }
    }

    @Test
    void inclusionInAllSmallTreesVerifies() {
        for (int n = 1; n <= 8; n++) {
            List<byte[]> hashes = leafHashes(n);
            byte[] root = Merkle.root(hashes);
            for (int m = 0; m < n; m++) {
                assertThat(Merkle.verifyInclusion(m, n, hashes.get(m), Merkle.inclusionProof(m, hashes), root))
                        .as("leaf %d of %d", m, n).isTrue();
            }
        }
    }

    @Test
    void inclusionEdgeCases() {
        byte[] hash = Merkle.leafHash("data".getBytes());
        assertThat(Merkle.verifyInclusion(0, 1, hash, List.of(), hash)).isTrue();
        assertThat(Merkle.verifyInclusion(0, 1, new byte[0], List.of(), hash)).isFalse();
        assertThat(Merkle.verifyInclusion(0, 1, hash, List.of(), new byte[0])).isFalse();
        long[][] probes = {{0, 0}, {0, 1}, {1, 0}, {2, 1}};
        for (long[] p : probes) {
            assertThat(Merkle.verifyInclusion(p[0], p[1], SOME_HASH, List.of(), new byte[0])).isFalse();
            assertThat(Merkle.verifyInclusion(p[0], p[1], new byte[0], List.of(), EMPTY_TREE)).isFalse();
            assertThat(Merkle.verifyInclusion(p[0], p[1], SOME_HASH, List.of(), EMPTY_TREE)).isFalse();
        }
    }

    @Test
    void consistencyProofsAreGeneratedAndVerifiedAsTheVectorsSay() {
        for (Consistency v : CONSISTENCY) {
            List<byte[]> expected = proof(v.proof());
            assertThat(Merkle.consistencyProof(v.size1(), leafHashes(v.size2())))
                    .as("PROOF(%d, D[%d])", v.size1(), v.size2())
                    .usingElementComparator(MerkleTest::compare).containsExactlyElementsOf(expected);
            byte[] root1 = h(ROOTS[v.size1() - 1]);
            byte[] root2 = h(ROOTS[v.size2() - 1]);
            assertThat(Merkle.verifyConsistency(v.size1(), v.size2(), root1, root2, expected)).isTrue();
            if (expected.isEmpty()) {
                continue;
            }
            for (CProbe p : corruptConsistency(v.size1(), v.size2(), root1, root2, expected)) {
                assertThat(Merkle.verifyConsistency(p.size1, p.size2, p.root1, p.root2, p.proof))
                        .as("consistency %d -> %d must fail with %s", v.size1(), v.size2(), p.desc).isFalse();
            }
        }
    }

    @Test
    void consistencyBetweenAllSmallTreesVerifies() {
        List<byte[]> all = leafHashes(8);
        for (int n = 1; n <= 8; n++) {
            for (int m = 1; m <= n; m++) {
                List<byte[]> p = Merkle.consistencyProof(m, all.subList(0, n));
                assertThat(Merkle.verifyConsistency(m, n, Merkle.root(all.subList(0, m)), Merkle.root(all.subList(0, n)), p))
                        .as("%d -> %d", m, n).isTrue();
            }
        }
    }

    @Test
    void consistencyEdgeCasesAsInTheReferenceTests() {
        byte[] root1 = "don't care 1".getBytes();
        byte[] root2 = "don't care 2".getBytes();
        List<byte[]> none = List.of();
        List<byte[]> one = List.of(EMPTY_TREE);
        assertThat(Merkle.verifyConsistency(0, 0, root1, root2, none)).isFalse();
        assertThat(Merkle.verifyConsistency(1, 1, root1, root2, none)).isFalse();
        assertThat(Merkle.verifyConsistency(0, 1, root1, root2, none)).isTrue();
        assertThat(Merkle.verifyConsistency(1, 1, EMPTY_TREE, EMPTY_TREE, none)).isTrue();
        assertThat(Merkle.verifyConsistency(1, 0, root1, root2, none)).isFalse();
        assertThat(Merkle.verifyConsistency(2, 1, root1, root2, none)).isFalse();
        assertThat(Merkle.verifyConsistency(1, 2, root1, root2, none)).isFalse();
        assertThat(Merkle.verifyConsistency(0, 0, EMPTY_TREE, root2, none)).isFalse();
        assertThat(Merkle.verifyConsistency(1, 1, EMPTY_TREE, root2, none)).isFalse();
        assertThat(Merkle.verifyConsistency(0, 0, EMPTY_TREE, EMPTY_TREE, one)).isFalse();
        assertThat(Merkle.verifyConsistency(0, 1, EMPTY_TREE, EMPTY_TREE, one)).isFalse();
        assertThat(Merkle.verifyConsistency(1, 1, EMPTY_TREE, EMPTY_TREE, one)).isFalse();
    }

    static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compare(a, b);
    }

    record Probe(long index, long size, byte[] root, byte[] leaf, List<byte[]> proof, String desc) {
    }

    record CProbe(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof, String desc) {
    }

    static List<byte[]> with(List<byte[]> proof, int at, byte[] extra) {
        List<byte[]> p = new ArrayList<>(proof);
        p.add(at < 0 ? p.size() : at, extra);
        return p;
    }

    /** The corruptions of the reference tests: wrong index, size, leaf, root, garbage, a flipped bit, a removed or inserted node. */
    static List<Probe> corruptInclusion(long index, long size, List<byte[]> proof, byte[] root, byte[] leaf) {
        List<Probe> probes = new ArrayList<>(List.of(
                new Probe(index - 1, size, root, leaf, proof, "leafIndex - 1"),
                new Probe(index + 1, size, root, leaf, proof, "leafIndex + 1"),
                new Probe(index ^ 2, size, root, leaf, proof, "leafIndex ^ 2"),
                new Probe(index, size * 2, root, leaf, proof, "treeSize * 2"),
                new Probe(index, size / 2, root, leaf, proof, "treeSize / 2"),
                new Probe(index, size, root, "WrongLeaf".getBytes(), proof, "wrong leaf"),
                new Probe(index, size, EMPTY_TREE, leaf, proof, "empty root"),
                new Probe(index, size, SOME_HASH, leaf, proof, "random root"),
                new Probe(index, size, root, leaf, with(proof, -1, new byte[0]), "trailing garbage"),
                new Probe(index, size, root, leaf, with(proof, -1, root), "trailing root"),
                new Probe(index, size, root, leaf, with(proof, 0, new byte[0]), "preceding garbage"),
                new Probe(index, size, root, leaf, with(proof, 0, root), "preceding root")));
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> wrong = new ArrayList<>(proof);
            byte[] flipped = proof.get(i).clone();
            flipped[0] ^= 8;
            wrong.set(i, flipped);
            probes.add(new Probe(index, size, root, leaf, wrong, "modified proof[" + i + "] bit 3"));
        }
        if (!proof.isEmpty()) {
            probes.add(new Probe(index, size, root, leaf, proof.subList(0, proof.size() - 1), "removed component"));
        }
        if (proof.size() > 1) {
            List<byte[]> inserted = new ArrayList<>(List.of(proof.get(0), SOME_HASH));
            inserted.addAll(proof.subList(1, proof.size()));
            probes.add(new Probe(index, size, root, leaf, inserted, "inserted component"));
        }
        return probes;
    }

    static List<CProbe> corruptConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        byte[] wrongRoot = "WrongRoot".getBytes();
        List<CProbe> probes = new ArrayList<>(List.of(
                new CProbe(size1 - 1, size2, root1, root2, proof, "size1 - 1"),
                new CProbe(size1 + 1, size2, root1, root2, proof, "size1 + 1"),
                new CProbe(size1 ^ 2, size2, root1, root2, proof, "size1 ^ 2"),
                new CProbe(size1, size2 * 2, root1, root2, proof, "size2 * 2"),
                new CProbe(size1, size2 / 2, root1, root2, proof, "size2 / 2"),
                new CProbe(size1, size2, wrongRoot, root2, proof, "wrong root1"),
                new CProbe(size1, size2, root1, wrongRoot, proof, "wrong root2"),
                new CProbe(size1, size2, root2, root1, proof, "swapped roots"),
                new CProbe(size1, size2, root1, root2, List.of(), "empty proof"),
                new CProbe(size1, size2, root1, root2, with(proof, -1, new byte[0]), "trailing garbage"),
                new CProbe(size1, size2, root1, root2, with(proof, -1, root1), "trailing root1"),
                new CProbe(size1, size2, root1, root2, with(proof, -1, root2), "trailing root2"),
                new CProbe(size1, size2, root1, root2, with(proof, 0, new byte[0]), "preceding garbage"),
                new CProbe(size1, size2, root1, root2, with(proof, 0, root1), "preceding root1"),
                new CProbe(size1, size2, root1, root2, with(proof, 0, root2), "preceding root2"),
                new CProbe(size1, size2, root1, root2, with(proof, 0, proof.get(0)), "preceding proof[0]"),
                new CProbe(size1, size2, root1, root2, proof.subList(0, proof.size() - 1), "truncated proof")));
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> wrong = new ArrayList<>(proof);
            byte[] flipped = proof.get(i).clone();
            flipped[0] ^= 16;
            wrong.set(i, flipped);
            probes.add(new CProbe(size1, size2, root1, root2, wrong, "modified proof[" + i + "] bit 4"));
        }
        return probes;
    }
}
