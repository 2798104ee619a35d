package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The voter's online ballot was withdrawn while voting was open: it no longer counts (a later ballot would). */
@Revision("2")
public record BallotWithdrawn(CampaignYear year, ParticipantId voter, Instant withdrawnAt) {
}
