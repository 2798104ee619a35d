package fr.paris.ledger.infra.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Tree hashes and proofs of RFC 9162 section 2.1, computed from stored complete-subtree hashes:
 * any MTH(D[s:e]) that the RFC's recursion needs is a stored node when e - s is a power of two
 * (the recursion keeps such ranges aligned), or one split away from two smaller ones; so a root,
 * an inclusion or a consistency proof costs O(log n) to O(log^2 n) node reads.
 */
public final class MerkleProofs {
    private final SubtreeHashes nodes;

    public MerkleProofs(SubtreeHashes nodes) {
        this.nodes = nodes;
    }

    /** MTH(D[start:end]). */
    public byte[] hash(long start, long end) {
        long n = end - start;
        if (n == 0) {
            return Merkle.emptyRoot();
        }
        if (Long.bitCount(n) == 1 && start % n == 0) {
            return nodes.node(Long.numberOfTrailingZeros(n), start / n);
        }
        long k = Merkle.splitPoint(n);
        return Merkle.nodeHash(hash(start, start + k), hash(start + k, end));
    }

    public byte[] root(long size) {
        return hash(0, size);
    }

    /** PATH(m, D[0:n]) of RFC 9162 2.1.3.1, leaf first. */
    public List<byte[]> inclusion(long m, long n) {
        if (m < 0 || m >= n) {
            throw new IllegalArgumentException("leaf " + m + " is not in a tree of size " + n);
        }
        List<byte[]> path = new ArrayList<>();
        path(m, 0, n, path);
        return path;
    }

    private void path(long m, long start, long end, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = Merkle.splitPoint(n);
        if (m < k) {
            path(m, start, start + k, out);
            out.add(hash(start + k, end));
        } else {
            path(m - k, start + k, end, out);
            out.add(hash(start, start + k));
        }
    }

    /** PROOF(m, D[0:n]) of RFC 9162 2.1.4.1. */
    public List<byte[]> consistency(long m, long n) {
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("no consistency proof from " + m + " to " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        if (m == 0 || m == n) {
            return proof;
        }
        subproof(m, 0, n, true, proof);
        return proof;
    }

    private void subproof(long m, long start, long end, boolean b, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!b) {
                out.add(hash(start, end));
            }
            return;
        }
        long k = Merkle.splitPoint(n);
        if (m <= k) {
            subproof(m, start, start + k, b, out);
            out.add(hash(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, out);
            out.add(hash(start, start + k));
        }
    }
}
