package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An admin opened a campaign, in phase PROPOSALS, with its fixed rules. */
@Revision("2")
public record CampaignCreated(CampaignYear year, CampaignRules rules, ParticipantId createdBy, Instant createdAt) {
}
