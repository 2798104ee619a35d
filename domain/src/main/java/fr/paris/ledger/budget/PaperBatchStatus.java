package fr.paris.ledger.budget;

/** Where a batch of paper ballots stands: only a CONFIRMED batch counts, an ABANDONED one never does. */
public enum PaperBatchStatus {
    OPEN,
    CONFIRMED,
    ABANDONED
}
