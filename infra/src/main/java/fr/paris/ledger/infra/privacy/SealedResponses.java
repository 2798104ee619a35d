package fr.paris.ledger.infra.privacy;

import fr.paris.ledger.infra.idempotency.StoredResponses;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Idempotency records keyed by the lookup hash of the {@code sub}, their answers sealed under a key
 * derived from the caller's subject key (a card number is in the answer to a card request). A caller
 * with no subject key (an anonymous request, a refusal before any act) has nothing personal in its
 * answer, which is kept as it is.
 */
public class SealedResponses implements StoredResponses {
    private static final byte[] MAGIC = "sealed:1:".getBytes(StandardCharsets.US_ASCII);

    private final SubjectKeys subjects;

    public SealedResponses(SubjectKeys subjects) {
        this.subjects = subjects;
    }

    @Override
    public String principal(String sub) {
        return subjects.lookupHex(sub);
    }

    @Override
    public byte[] seal(String sub, byte[] body) {
        if (sub == null || body == null || body.length == 0) {
            return body;
        }
        return subjects.find(sub).map(s -> {
            byte[] sealed = Crypto.seal(key(s), body, "idempotency-response");
            byte[] out = Arrays.copyOf(MAGIC, MAGIC.length + sealed.length);
            System.arraycopy(sealed, 0, out, MAGIC.length, sealed.length);
            return out;
        }).orElse(body);
    }

    @Override
    public byte[] open(String sub, byte[] stored) {
        if (stored == null || stored.length < MAGIC.length
                || !Arrays.equals(Arrays.copyOf(stored, MAGIC.length), MAGIC)) {
            return stored;
        }
        if (sub == null) {
            return null;
        }
        return subjects.find(sub).map(s -> {
            try {
                return Crypto.open(key(s), Arrays.copyOfRange(stored, MAGIC.length, stored.length), "idempotency-response");
            } catch (GeneralSecurityException e) {
                return null;
            }
        }).orElse(null);
    }

    private static byte[] key(SubjectKeys.Subject subject) {
        return Crypto.hmac(subject.key(), "idempotency-response-key");
    }
}
