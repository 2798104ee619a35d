package fr.paris.ledger.sortition;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The selection step of RFC 3797 (section 4), as a pure function: for j = 0, 1, 2, ... hash
 * (two-byte big-endian j) || key || (two-byte big-endian j), read the digest as an unsigned
 * big-endian integer, take it modulo the number of candidates still in the pool, and take out the
 * candidate at that place (0-based; the RFC counts from 1, i.e. remainder + 1) of the ordered
 * remaining list. With MD5 this is the RFC's reference code; {@link DrawAlgorithm#SHA256_V1} uses
 * SHA-256.
 */
public final class Rfc3797Selection {
    /** j is written on two bytes. */
    public static final int MAX_SELECTIONS = 65_536;

    private Rfc3797Selection() {
    }

    /**
     * Selects {@code count} of {@code poolSize} candidates (or all of them if fewer) and returns their
     * 0-based places in the original pool, in the order they were selected.
     */
    public static List<Integer> select(String digestAlgorithm, String key, int poolSize, int count) {
        if (poolSize < 0 || count < 0) {
            throw new IllegalArgumentException("negative pool size or count");
        }
        int n = Math.min(poolSize, count);
        if (n > MAX_SELECTIONS) {
            throw new IllegalArgumentException("at most " + MAX_SELECTIONS + " selections");
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        List<Integer> remaining = new ArrayList<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            remaining.add(i);
        }
        List<Integer> selected = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            BigInteger value = new BigInteger(1, digest(digestAlgorithm, j, keyBytes));
            int place = value.mod(BigInteger.valueOf(remaining.size())).intValueExact();
            selected.add(remaining.remove(place));
        }
        return selected;
    }

    /** The digest of round {@code j}: H(j as two bytes || key || j as two bytes). */
    public static byte[] digest(String digestAlgorithm, int j, byte[] key) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(digestAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digestAlgorithm + " is not available", e);
        }
        byte[] prefix = {(byte) (j >>> 8), (byte) j};
        md.update(prefix);
        md.update(key);
        md.update(prefix);
        return md.digest();
    }
}
