package fr.paris.ledger.infra.audit;

/**
 * Where complete subtree hashes come from: level L, index i is the hash of leaves
 * [i * 2^L, (i + 1) * 2^L). Level 0 is the leaf hashes.
 */
public interface SubtreeHashes {
    byte[] node(int level, long index);
}
