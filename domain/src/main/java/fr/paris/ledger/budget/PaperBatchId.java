package fr.paris.ledger.budget;

import java.util.Objects;

/** A batch of paper ballots of one campaign, named by the agent who opens it (one urn's count). */
public record PaperBatchId(int year, String batchId) {
    public PaperBatchId {
        Objects.requireNonNull(batchId);
    }

    public static String prefixOf(int year) {
        return "budget-paper-batch:" + year + ":";
    }

    @Override
    public String toString() {
        return prefixOf(year) + batchId;
    }
}
