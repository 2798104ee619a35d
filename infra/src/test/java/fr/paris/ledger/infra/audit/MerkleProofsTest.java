package fr.paris.ledger.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree hashes and proofs against the RFC 6962 reference tree (the test vectors of Certificate
 * Transparency's implementations: eight leaves, the roots of its first 1 to 8 leaves).
 */
class MerkleProofsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f"};
    private static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    /** Complete subtree hashes computed straight from the leaves. */
    static SubtreeHashes nodesOf(List<byte[]> leaves) {
        return new SubtreeHashes() {
            @Override
            public byte[] node(int level, long index) {
                if (level == 0) {
                    return Merkle.leafHash(leaves.get((int) index));
                }
                return Merkle.nodeHash(node(level - 1, 2 * index), node(level - 1, 2 * index + 1));
            }
        };
    }

    private static List<byte[]> leaves() {
        List<byte[]> leaves = new ArrayList<>();
        for (String l : LEAVES) {
            leaves.add(HEX.parseHex(l));
        }
        return leaves;
    }

    @Test
    void roots_of_the_reference_tree() {
        MerkleProofs proofs = new MerkleProofs(nodesOf(leaves()));
        for (int n = 1; n <= 8; n++) {
            assertThat(HEX.formatHex(proofs.root(n))).as("root of %d leaves", n).isEqualTo(ROOTS[n - 1]);
        }
        assertThat(HEX.formatHex(proofs.root(0))).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void every_inclusion_proof_verifies_and_a_wrong_one_does_not() {
        List<byte[]> leaves = leaves();
        MerkleProofs proofs = new MerkleProofs(nodesOf(leaves));
        for (int n = 1; n <= 8; n++) {
            byte[] root = HEX.parseHex(ROOTS[n - 1]);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = proofs.inclusion(m, n);
                byte[] leaf = Merkle.leafHash(leaves.get(m));
                assertThat(ProofVerification.inclusion(m, n, leaf, path, root)).as("leaf %d of %d", m, n).isTrue();
                if (n > 1) {
                    assertThat(ProofVerification.inclusion((m + 1) % n, n, leaf, path, root)).as("wrong index").isFalse();
                    List<byte[]> tampered = new ArrayList<>(path);
                    byte[] first = tampered.get(0).clone();
                    first[0] ^= 1;
                    tampered.set(0, first);
                    assertThat(ProofVerification.inclusion(m, n, leaf, tampered, root)).as("tampered path").isFalse();
                }
            }
        }
        // the known audit path of leaf 0 in the 8-leaf tree
        assertThat(proofs.inclusion(0, 8)).extracting(HEX::formatHex).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    }

    @Test
    void every_consistency_proof_verifies_and_a_wrong_one_does_not() {
        MerkleProofs proofs = new MerkleProofs(nodesOf(leaves()));
        for (int n = 1; n <= 8; n++) {
            for (int m = 1; m <= n; m++) {
                byte[] first = HEX.parseHex(ROOTS[m - 1]);
                byte[] second = HEX.parseHex(ROOTS[n - 1]);
                List<byte[]> proof = proofs.consistency(m, n);
                assertThat(ProofVerification.consistency(m, n, first, second, proof)).as("%d -> %d", m, n).isTrue();
                if (m < n) {
                    assertThat(ProofVerification.consistency(m, n, second, second, proof)).as("wrong first root").isFalse();
                }
            }
        }
        // PROOF(3, D[0:7]) by RFC 9162 2.1.4.1: leaf 2, leaf 3, MTH(D[0:2]), MTH(D[4:7])
        List<byte[]> leaves = leaves();
        byte[] d47 = Merkle.nodeHash(Merkle.nodeHash(Merkle.leafHash(leaves.get(4)), Merkle.leafHash(leaves.get(5))),
                Merkle.leafHash(leaves.get(6)));
        assertThat(proofs.consistency(3, 7)).extracting(HEX::formatHex).containsExactly(
                HEX.formatHex(Merkle.leafHash(leaves.get(2))),
                HEX.formatHex(Merkle.leafHash(leaves.get(3))),
                ROOTS[1],
                HEX.formatHex(d47));
    }
}
