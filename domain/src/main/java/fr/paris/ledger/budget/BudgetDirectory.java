package fr.paris.ledger.budget;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Where projects, ballots and paper batches read the facts of their campaign and of other projects
 * and batches without loading (and locking) those aggregates. Implementations fold the events with
 * {@link CampaignFacts#apply} and {@link ProjectFacts#apply}, and may cache what cannot change any
 * more (the ballot options of a campaign in VOTING, a batch's opening, a batch once closed).
 */
public interface BudgetDirectory {
    Optional<CampaignFacts> campaign(CampaignYear year);

    Optional<ProjectFacts> project(ProjectId id);

    /** Every project of the campaign, in submission order. */
    Collection<ProjectFacts> projects(CampaignYear year);

    /** How a paper batch was opened (its agent, its declared count), once its opening is recorded. */
    default Optional<PaperBatchOpened> paperBatch(CampaignYear year, String batchId) {
        return campaign(year).map(c -> c.paperBatches().get(batchId));
    }

    /**
     * The ids of the campaign's batches confirmed or abandoned, as the event store holds them now:
     * never from a cache that could miss a closing, so that a batch is called open only while it is.
     */
    Set<String> closedPaperBatches(CampaignYear year);
}
