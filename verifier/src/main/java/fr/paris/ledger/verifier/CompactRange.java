package fr.paris.ledger.verifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The root of an append-only RFC 9162 tree computed as leaves arrive, in memory of O(log n) hashes:
 * the roots of the perfect subtrees that make up the leaves so far (one per set bit of the size,
 * largest on the left). Appending a leaf merges equal-sized subtrees; the tree hash of the current
 * size folds those roots from the right, which is exactly MTH's split at the largest power of two.
 */
public final class CompactRange {
    private final List<byte[]> roots = new ArrayList<>();
    private long size;

    public long size() {
        return size;
    }

    public void append(byte[] leafHash) {
        roots.add(leafHash);
        for (long s = size; (s & 1) == 1; s >>= 1) {
            byte[] right = roots.remove(roots.size() - 1);
            byte[] left = roots.remove(roots.size() - 1);
            roots.add(Merkle.nodeHash(left, right));
        }
        size++;
    }

    /** MTH of the leaves appended so far. */
    public byte[] root() {
        if (roots.isEmpty()) {
            return Merkle.emptyRoot();
        }
        byte[] r = roots.get(roots.size() - 1);
        for (int i = roots.size() - 2; i >= 0; i--) {
            r = Merkle.nodeHash(roots.get(i), r);
        }
        return r;
    }
}
