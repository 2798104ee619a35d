package fr.paris.ledger.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint signer: C2SP signed notes with Ed25519, a key kept across restarts. */
class AuditKeysTest {

    @Test
    void a_signed_checkpoint_verifies_with_the_published_verifier_key(@TempDir Path dir) throws Exception {
        AuditKeys keys = AuditKeys.generateInto("ledger.paris.example/test", dir.resolve("key"));
        String body = keys.checkpointBody(3, Merkle.emptyRoot());
        assertThat(body).isEqualTo("ledger.paris.example/test\n3\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");

        String note = keys.sign(body);
        assertThat(note).startsWith(body + "\n\u2014 ledger.paris.example/test ");

        String vkey = keys.verifierKey();
        assertThat(vkey).matches("ledger\\.paris\\.example/test\\+[0-9a-f]{8}\\+[A-Za-z0-9+/=]+");
        String[] parts = vkey.split("\\+", 3);
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        assertThat(typed[0]).isEqualTo((byte) 1);
        byte[] sigLine = Base64.getDecoder().decode(note.substring(note.lastIndexOf(' ') + 1).strip());
        assertThat(java.util.HexFormat.of().formatHex(Arrays.copyOf(sigLine, 4))).isEqualTo(parts[1]);

        Signature verify = Signature.getInstance("Ed25519");
        verify.initVerify(AuditKeys.publicKey(Arrays.copyOfRange(typed, 1, 33)));
        verify.update(body.getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(Arrays.copyOfRange(sigLine, 4, sigLine.length))).isTrue();
        verify.initVerify(AuditKeys.publicKey(Arrays.copyOfRange(typed, 1, 33)));
        verify.update(body.replace("\n3\n", "\n4\n").getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(Arrays.copyOfRange(sigLine, 4, sigLine.length))).as("another body").isFalse();
    }

    @Test
    void the_key_written_once_is_read_back_the_same(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit-signing-key");
        AuditKeys generated = AuditKeys.generateInto("origin.example/log", file);
        AuditKeys read = AuditKeys.fromPkcs8("origin.example/log", Files.readString(file));
        assertThat(read.verifierKey()).isEqualTo(generated.verifierKey());
        String body = read.checkpointBody(1, Merkle.emptyRoot());
        assertThat(read.sign(body)).isEqualTo(generated.sign(body)); // Ed25519 is deterministic
    }
}
