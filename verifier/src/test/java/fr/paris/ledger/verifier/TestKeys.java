package fr.paris.ledger.verifier;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/** A generated Ed25519 note key for tests: signs checkpoint bodies as C2SP signed notes. */
record TestKeys(String name, KeyPair pair, NoteVerifierKey key) {

    static TestKeys generate(String name) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            return new TestKeys(name, pair, NoteVerifierKey.of(name, raw));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String verifierKey() {
        return key.encode();
    }

    /** The signed note of {@code body}: the body, a blank line, one signature line. */
    String sign(String body) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(body.getBytes(StandardCharsets.UTF_8));
            byte[] sig = s.sign();
            byte[] blob = new byte[4 + sig.length];
            int h = key.keyHash();
            blob[0] = (byte) (h >>> 24);
            blob[1] = (byte) (h >>> 16);
            blob[2] = (byte) (h >>> 8);
            blob[3] = (byte) h;
            System.arraycopy(sig, 0, blob, 4, sig.length);
            return body + "\n\u2014 " + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
