package fr.paris.ledger.budget;

/**
 * The ballot numbers held by live entries of a campaign (entered, not voided, in a batch not
 * abandoned): a number is held by one entry at a time across every batch of the campaign.
 * Implementations work inside the act's own transaction, so that a refused or failed act holds
 * nothing, and two acts taking one number at once cannot both succeed.
 */
public interface PaperBallotNumbers {

    /** Takes {@code ballotNumber} for an entry of {@code batchId}; false if another live entry holds it. */
    boolean take(CampaignYear year, BallotNumber ballotNumber, String batchId);

    /** Frees a number whose entry was voided. */
    void release(CampaignYear year, BallotNumber ballotNumber);

    /** Frees every number of an abandoned batch. */
    void releaseBatch(CampaignYear year, String batchId);
}
