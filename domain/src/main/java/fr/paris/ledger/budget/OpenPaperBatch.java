package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An agent opens a batch for one urn, declaring how many papers it holds. Sent to the campaign, so
 * that opening a batch and moving to RESULTS are serialised on one aggregate.
 */
public record OpenPaperBatch(@TargetAggregateIdentifier CampaignId campaignId, String batchId, String urn, int declaredCount,
                             ParticipantId by) {
}
