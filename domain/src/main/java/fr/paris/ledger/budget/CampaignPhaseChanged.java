package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The campaign moved to its next phase. */
@Revision("2")
public record CampaignPhaseChanged(CampaignYear year, Phase from, Phase to, ParticipantId changedBy, Instant changedAt) {
}
