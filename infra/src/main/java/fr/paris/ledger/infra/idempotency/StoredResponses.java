package fr.paris.ledger.infra.idempotency;

/**
 * How the idempotency records name a caller and keep their answers (docs/privacy.md): by the keyed
 * hash of the caller's {@code sub}, never the {@code sub}; and an answer, which may hold personal data
 * shown to the caller (their card number), sealed under a key derived from the caller's subject key,
 * so that it reads as nothing once that key is erased.
 */
public interface StoredResponses {
    /** The principal a caller's records are kept under. */
    String principal(String sub);

    /** The bytes to store for an answer to {@code sub}. */
    byte[] seal(String sub, byte[] body);

    /** The answer stored by {@link #seal}, or null if it can no longer be opened (the caller was erased). */
    byte[] open(String sub, byte[] stored);
}
