package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin moves the campaign to its next phase. */
public record AdvancePhase(@TargetAggregateIdentifier CampaignId campaignId, Phase to, ParticipantId by) {
}
