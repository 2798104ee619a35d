package fr.paris.ledger.budget;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records the tally of a campaign that has entered RESULTS; computed by {@link BudgetTally} from the ballots. */
public record PublishResults(@TargetAggregateIdentifier CampaignId campaignId, BudgetResults results) {
}
