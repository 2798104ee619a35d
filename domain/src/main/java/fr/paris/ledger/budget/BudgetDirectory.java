package fr.paris.ledger.budget;

import java.util.Collection;
import java.util.Optional;

/**
 * Where projects and ballots read the facts of their campaign and of other projects without loading
 * (and locking) those aggregates. Implementations fold the events with {@link CampaignFacts#apply}
 * and {@link ProjectFacts#apply}, and may cache what cannot change any more (the ballot options of a
 * campaign in VOTING).
 */
public interface BudgetDirectory {
    Optional<CampaignFacts> campaign(int year);

    Optional<ProjectFacts> project(ProjectId id);

    /** Every project of the campaign, in submission order. */
    Collection<ProjectFacts> projects(int year);
}
