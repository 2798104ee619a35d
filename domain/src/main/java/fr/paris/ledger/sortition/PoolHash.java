package fr.paris.ledger.sortition;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The hash that fixes a frozen pool before any random value is known: SHA-256 over the pool's
 * canonical bytes, written in standard padded base64. The canonical bytes are, for each applicant
 * in pool order, the UTF-8 (here: ASCII) bytes of {@code <applicationId> ":" <group> "\n"}.
 * Application ids and group names contain neither {@code :} nor a line feed, so the text reads back
 * unambiguously. An empty pool hashes the empty string.
 */
public final class PoolHash {
    private PoolHash() {
    }

    public static byte[] canonicalBytes(List<PoolEntry> pool) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (PoolEntry e : pool) {
            out.writeBytes((e.applicationId().value() + ":" + e.group() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    public static String of(List<PoolEntry> pool) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonicalBytes(pool));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
