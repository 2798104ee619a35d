package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signed notes and verifier keys against the published examples of Go's golang.org/x/mod/sumdb/note tests. */
class SignedNoteTest {
    static final String PETER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String ENOCH_KEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_SIG = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String ENOCH_SIG = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    @Test
    void parsesThePublishedVerifierKeysAndRecomputesTheirHash() {
        NoteVerifierKey peter = NoteVerifierKey.parse(PETER_KEY);
        assertThat(peter.name()).isEqualTo("PeterNeumann");
        assertThat(peter.keyHashHex()).isEqualTo("c74f20a3");
        assertThat(NoteVerifierKey.keyHash("PeterNeumann", peter.publicKey())).isEqualTo(0xc74f20a3);
        assertThat(peter.encode()).isEqualTo(PETER_KEY);
        assertThat(NoteVerifierKey.parse(ENOCH_KEY).keyHash()).isEqualTo(0xaf0cfe78);
    }

    @Test
    void refusesMangledKeys() {
        byte[] b = PETER_KEY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            b[i]++;
            String mangled = new String(b, StandardCharsets.US_ASCII);
            b[i]--;
            if (mangled.equals(PETER_KEY)) {
                continue;
            }
            assertThatThrownBy(() -> NoteVerifierKey.parse(mangled)).as(mangled).isInstanceOf(IllegalArgumentException.class);
        }
        for (int cut = 1; cut < PETER_KEY.length(); cut++) {
            String prefix = PETER_KEY.substring(0, cut);
            assertThatThrownBy(() -> NoteVerifierKey.parse(prefix)).as(prefix).isInstanceOf(IllegalArgumentException.class);
        }
        // wrong length key with adjusted key hash; unknown algorithm with adjusted key hash (from the Go tests)
        assertThatThrownBy(() -> NoteVerifierKey.parse("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteVerifierKey.parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifiesThePublishedSignedNote() {
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
        assertThat(note.text()).isEqualTo(TEXT);
        assertThat(note.signatures()).hasSize(2);
        assertThat(note.signatures().get(0).keyHash()).isEqualTo(0xc74f20a3);
        assertThat(note.verifiedBy(NoteVerifierKey.parse(PETER_KEY))).isTrue();
        assertThat(note.verifiedBy(NoteVerifierKey.parse(ENOCH_KEY))).isTrue();
    }

    @Test
    void refusesATamperedTextOrSignature() {
        NoteVerifierKey peter = NoteVerifierKey.parse(PETER_KEY);
        assertThat(SignedNote.parse(TEXT.replace("answer", "Answer") + "\n" + PETER_SIG).verifiedBy(peter)).isFalse();
        String badSig = PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(64);
        assertThat(SignedNote.parse(TEXT + "\n" + badSig).verifiedBy(peter)).isFalse();
        // a signature by another key is not the key's signature
        assertThat(SignedNote.parse(TEXT + "\n" + ENOCH_SIG).signatureBy(peter)).isEmpty();
        // same name, other hash
        String wrongHash = PETER_SIG.replace("x08g", "xxxx");
        assertThat(SignedNote.parse(TEXT + "\n" + wrongHash).verifiedBy(peter)).isFalse();
    }

    @Test
    void refusesMalformedNotes() {
        String[] bad = {
                TEXT,
                TEXT + "\n",
                TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
                "\u0001" + TEXT + "\n" + PETER_SIG,
                TEXT + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
                TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
        };
        for (String note : bad) {
            assertThatThrownBy(() -> SignedNote.parse(note)).as(note).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void checkpointBodies() {
        byte[] root = Merkle.emptyRoot();
        String body = "ledger.paris.fr/test\n0\n" + Base64.getEncoder().encodeToString(root) + "\n";
        Checkpoint c = Checkpoint.parse(body);
        assertThat(c.origin()).isEqualTo("ledger.paris.fr/test");
        assertThat(c.treeSize()).isZero();
        assertThat(c.rootHash()).isEqualTo(root);
        assertThat(c.body()).isEqualTo(body);
        assertThat(Checkpoint.parse(body + "extension\n").treeSize()).isZero();
        for (String bad : new String[] {
                "o\n0\n" + Base64.getEncoder().encodeToString(root), // no final newline
                "o\n00\n" + Base64.getEncoder().encodeToString(root) + "\n",
                "o\n-1\n" + Base64.getEncoder().encodeToString(root) + "\n",
                "o\n1\n" + Base64.getEncoder().withoutPadding().encodeToString(root) + "\n",
                "o\n1\nAAAA\n",
                "\n1\n" + Base64.getEncoder().encodeToString(root) + "\n",
        }) {
            assertThatThrownBy(() -> Checkpoint.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void signsAndVerifiesWithAGeneratedKey() throws Exception {
        TestKeys keys = TestKeys.generate("ledger.paris.fr/test");
        String note = keys.sign("ledger.paris.fr/test\n3\n" + Base64.getEncoder().encodeToString(Merkle.emptyRoot()) + "\n");
        NoteVerifierKey key = NoteVerifierKey.parse(keys.verifierKey());
        assertThat(SignedNote.parse(note).verifiedBy(key)).isTrue();
        assertThat(SignedNote.parse(note.replace("\n3\n", "\n4\n")).verifiedBy(key)).isFalse();
    }
}
