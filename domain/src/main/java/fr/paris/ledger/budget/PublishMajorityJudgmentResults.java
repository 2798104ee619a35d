package fr.paris.ledger.budget;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records the tally of a majority-judgment campaign that has entered RESULTS; computed by {@link MajorityJudgmentTally}. */
public record PublishMajorityJudgmentResults(@TargetAggregateIdentifier CampaignId campaignId, MajorityJudgmentResults results) {
}
