package fr.paris.ledger.verifier;

import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.PoolEntry;
import fr.paris.ledger.sortition.RandomSource;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verifier's own draw, written from docs/sortition.md ("The pool hash", "The algorithm, step by step") and RFC 3797
 * section 4, not from the service's code: it reads the event records' fields and computes everything else itself.
 *
 * <ul>
 * <li>Pool hash: standard padded base64 of SHA-256 over {@code <applicationId>:<group>\n} for each applicant, in pool
 * order, nothing else.</li>
 * <li>Key string: each source in its published order, numbers sorted ascending each followed by {@code .}, a string as
 * it is; then {@code /}.</li>
 * <li>Selection: round j = 0, 1, ... hashes {@code J || key || J} (J: j on two bytes, big-endian), reads the digest
 * as an unsigned big-endian integer, and takes out the candidate at (digest mod candidates left), counting from 0, of
 * the list still in pool order.</li>
 * <li>{@code SHA256-V1}: SHA-256; each group of the seats drawn is its own list (its applicants in pool order) under the
 * key {@code <key string><group>/}. {@code RFC3797}: MD5, the key string as is, one group only. The first {@code seats}
 * taken are selected, the next {@code alternatesPerGroup} are the alternates, in the order taken.</li>
 * </ul>
 */
final class Sortition {
    /** j is written on two bytes, so a draw has at most this many rounds. */
    static final int MAX_ROUNDS = 1 << 16;

    private Sortition() {
    }

    /** What a draw gives, per group: the selected and the alternates, in the order taken. */
    record Outcome(Map<String, List<ApplicationId>> selected, Map<String, List<ApplicationId>> alternates) {
    }

    /** The pool hash of docs/sortition.md. */
    static String poolHash(List<PoolEntry> pool) {
        MessageDigest sha256 = digest("SHA-256");
        for (PoolEntry e : pool) {
            sha256.update((e.applicationId().value() + ":" + e.group() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(sha256.digest());
    }

    /** The key string of RFC 3797 section 4; a draw without sources has none. */
    static String keyString(List<RandomSource> sources) {
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("a draw needs at least one random source");
        }
        StringBuilder key = new StringBuilder();
        for (RandomSource source : sources) {
            if (source.text() != null) {
                key.append(source.text());
            } else {
                source.numbers().stream().sorted().forEach(n -> key.append(n).append('.'));
            }
            key.append('/');
        }
        return key.toString();
    }

    /** The digest a published algorithm names, or null for a name the document does not define. */
    static String digestOf(String algorithm) {
        return switch (algorithm == null ? "" : algorithm) {
            case "SHA256-V1" -> "SHA-256";
            case "RFC3797" -> "MD5";
            default -> null;
        };
    }

    /**
     * The draw from published data alone; throws IllegalArgumentException, with the reason, for one that cannot be
     * made (no source, an RFC3797 draw of several groups, more rounds than two bytes count).
     */
    static Outcome draw(String algorithm, List<PoolEntry> pool, Map<String, Integer> seats, int alternatesPerGroup,
                        List<RandomSource> sources) {
        String digest = digestOf(algorithm);
        if (digest == null) {
            throw new IllegalArgumentException("unknown algorithm " + algorithm);
        }
        String key = keyString(sources);
        boolean rfc = algorithm.equals("RFC3797");
        if (rfc && seats.size() != 1) {
            throw new IllegalArgumentException("RFC3797 draws exactly one quota group");
        }
        Map<String, List<ApplicationId>> selected = new TreeMap<>();
        Map<String, List<ApplicationId>> alternates = new TreeMap<>();
        for (Map.Entry<String, Integer> group : new TreeMap<>(seats).entrySet()) {
            List<ApplicationId> candidates = new ArrayList<>();
            for (PoolEntry e : pool) {
                if (e.group().equals(group.getKey())) {
                    candidates.add(e.applicationId());
                }
            }
            Integer seated = group.getValue();
            if (seated == null || seated < 0 || alternatesPerGroup < 0) {
                throw new IllegalArgumentException("group " + group.getKey() + " has " + seated + " seats and "
                        + alternatesPerGroup + " alternates to draw");
            }
            List<ApplicationId> taken = take(digest, rfc ? key : key + group.getKey() + "/", candidates, seated + alternatesPerGroup);
            selected.put(group.getKey(), List.copyOf(taken.subList(0, Math.min(seated, taken.size()))));
            alternates.put(group.getKey(), List.copyOf(taken.subList(Math.min(seated, taken.size()), taken.size())));
        }
        return new Outcome(selected, alternates);
    }

    /** Takes {@code rounds} candidates out of {@code candidates} (all of them if fewer), in the order taken. */
    static <T> List<T> take(String digest, String key, List<T> candidates, int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("negative pool size or count");
        }
        LinkedList<T> left = new LinkedList<>(candidates);
        int n = Math.min(rounds, left.size());
        if (n > MAX_ROUNDS) {
            throw new IllegalArgumentException("at most " + MAX_ROUNDS + " selections");
        }
        List<T> taken = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            BigInteger value = new BigInteger(1, round(digest, key, j));
            taken.add(left.remove(value.mod(BigInteger.valueOf(left.size())).intValue()));
        }
        return taken;
    }

    /** H(J || key || J), J being j on two bytes, big-endian. */
    static byte[] round(String digest, String key, int j) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[k.length + 4];
        input[0] = (byte) (j >> 8);
        input[1] = (byte) j;
        System.arraycopy(k, 0, input, 2, k.length);
        input[k.length + 2] = input[0];
        input[k.length + 3] = input[1];
        return digest(digest).digest(input);
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is not available", e);
        }
    }
}
