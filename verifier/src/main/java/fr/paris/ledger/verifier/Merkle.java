package fr.paris.ledger.verifier;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency v2), section 2.1, with SHA-256: leaf hash
 * {@code SHA-256(0x00 || leaf)}, node hash {@code SHA-256(0x01 || left || right)}, tree hash MTH split
 * at the largest power of two smaller than n; inclusion and consistency proofs (2.1.3, 2.1.4) and
 * their verification algorithms (2.1.3.2, 2.1.4.2).
 *
 * <p>Written from the RFC for the auditor, on purpose independently of the service's sealer.
 * The list-based methods ({@link #root}, {@link #inclusionProof}, {@link #consistencyProof}) hold
 * every leaf hash in memory: for tests and small trees; the streaming check uses {@link CompactRange}.
 */
public final class Merkle {
    public static final int HASH_SIZE = 32;

    private Merkle() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** One SHA-256 instance per thread, reset before each use (getInstance costs more than a short hash). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Merkle::sha256);

    private static MessageDigest digest() {
        MessageDigest d = SHA256.get();
        d.reset();
        return d;
    }

    /** MTH({}) = SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return digest().digest();
    }

    public static byte[] leafHash(byte[] leaf) {
        byte[] hash = new byte[HASH_SIZE];
        leafHash(leaf, 0, leaf.length, hash, 0);
        return hash;
    }

    /** The leaf hash of {@code data[off, off + len)}, written to {@code out[outOff, outOff + 32)}. */
    public static void leafHash(byte[] data, int off, int len, byte[] out, int outOff) {
        MessageDigest d = digest();
        d.update((byte) 0x00);
        d.update(data, off, len);
        try {
            d.digest(out, outOff, HASH_SIZE);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = digest();
        d.update((byte) 0x01);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** The largest power of two strictly smaller than n (n > 1). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** MTH(D[n]) from the leaf hashes. */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return emptyRoot();
        }
        return mth(leafHashes, 0, leafHashes.size());
    }

    private static byte[] mth(List<byte[]> h, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return h.get(from);
        }
        int k = (int) split(n);
        return nodeHash(mth(h, from, from + k), mth(h, from + k, to));
    }

    /** PATH(m, D[n]) of RFC 9162 2.1.3.1: the inclusion proof of leaf m in the tree of all the given leaves. */
    public static List<byte[]> inclusionProof(int m, List<byte[]> leafHashes) {
        if (m < 0 || m >= leafHashes.size()) {
            throw new IllegalArgumentException("leaf " + m + " is not in a tree of " + leafHashes.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(m, leafHashes, 0, leafHashes.size(), path);
        return path;
    }

    private static void path(int m, List<byte[]> h, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = (int) split(n);
        if (m < k) {
            path(m, h, from, from + k, out);
            out.add(mth(h, from + k, to));
        } else {
            path(m - k, h, from + k, to, out);
            out.add(mth(h, from, from + k));
        }
    }

    /** PROOF(m, D[n]) of RFC 9162 2.1.4.1, for 0 < m <= n (empty when m == n). */
    public static List<byte[]> consistencyProof(int m, List<byte[]> leafHashes) {
        if (m <= 0 || m > leafHashes.size()) {
            throw new IllegalArgumentException("no consistency proof from " + m + " to " + leafHashes.size());
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(m, leafHashes, 0, leafHashes.size(), true, proof);
        return proof;
    }

    private static void subproof(int m, List<byte[]> h, int from, int to, boolean b, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!b) {
                out.add(mth(h, from, to));
            }
            return;
        }
        int k = (int) split(n);
        if (m <= k) {
            subproof(m, h, from, from + k, b, out);
            out.add(mth(h, from + k, to));
        } else {
            subproof(m - k, h, from + k, to, false, out);
            out.add(mth(h, from, from + k));
        }
    }

    /** RFC 9162 2.1.3.2: whether {@code path} proves leaf {@code leafIndex} with {@code leafHash} in the tree of {@code treeSize} with {@code root}. */
    public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (leafIndex < 0 || leafIndex >= treeSize || !isHash(leafHash) || !isHash(root)) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (!isHash(p) || sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /**
     * RFC 9162 2.1.4.2: whether {@code path} proves the tree of {@code secondSize} with {@code secondRoot}
     * extends the tree of {@code firstSize} with {@code firstRoot}. As the RFC's 2.1.4.1 defines no proof
     * for these cases: equal sizes need an empty path and equal roots; a first size of 0 needs an empty path.
     */
    public static boolean verifyConsistency(long firstSize, long secondSize, byte[] firstRoot, byte[] secondRoot, List<byte[]> path) {
        if (firstSize < 0 || secondSize < firstSize) {
            return false;
        }
        if (firstSize == secondSize) {
            return path.isEmpty() && isHash(firstRoot) && Arrays.equals(firstRoot, secondRoot);
        }
        if (firstSize == 0) {
            return path.isEmpty();
        }
        if (path.isEmpty() || !isHash(firstRoot) || !isHash(secondRoot)) {
            return false;
        }
        List<byte[]> c = new ArrayList<>(path);
        if (Long.bitCount(firstSize) == 1) {
            c.add(0, firstRoot);
        }
        long fn = firstSize - 1;
        long sn = secondSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        if (!isHash(c.get(0))) {
            return false;
        }
        byte[] fr = c.get(0);
        byte[] sr = c.get(0);
        for (byte[] p : c.subList(1, c.size())) {
            if (!isHash(p) || sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(p, fr);
                sr = nodeHash(p, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    private static boolean isHash(byte[] h) {
        return h != null && h.length == HASH_SIZE;
    }
}
