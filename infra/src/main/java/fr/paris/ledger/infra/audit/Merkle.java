package fr.paris.ledger.infra.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 9162 (Certificate Transparency 2.0) hashing: leaves and interior nodes of the Merkle tree. */
public final class Merkle {
    private Merkle() {
    }

    /** SHA-256(0x00 || data). */
    public static byte[] leafHash(byte[] data) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        sha.update(data);
        return sha.digest();
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The hash of the empty tree: SHA-256 of nothing. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** The largest power of two strictly smaller than {@code n} (n > 1). */
    public static long splitPoint(long n) {
        long k = Long.highestOneBit(n);
        return k == n ? k >> 1 : k;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
