package fr.paris.ledger.budget;

import java.util.Objects;

/** A batch of paper ballots of one campaign, named by the agent who opens it (one urn's count). */
public record PaperBatchId(CampaignYear year, String batchId) {
    public PaperBatchId {
        Objects.requireNonNull(year);
        Objects.requireNonNull(batchId);
    }

    public static String prefixOf(CampaignYear year) {
        return "budget-paper-batch:" + year.value() + ":";
    }

    @Override
    public String toString() {
        return prefixOf(year) + batchId;
    }
}
