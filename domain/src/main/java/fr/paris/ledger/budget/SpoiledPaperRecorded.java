package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A spoiled paper of the urn was recorded under its number: it counts toward the batch's declared
 * count, never in the tally. It names no voter.
 */
@Revision("2")
public record SpoiledPaperRecorded(CampaignYear year, String batchId, BallotNumber ballotNumber, ParticipantId recordedBy, Instant recordedAt) {
}
