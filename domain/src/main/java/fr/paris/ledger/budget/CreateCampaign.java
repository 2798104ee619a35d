package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin opens the year's campaign with its rules, in phase PROPOSALS. */
public record CreateCampaign(@TargetAggregateIdentifier CampaignId campaignId, CampaignRules rules, ParticipantId by) {
}
