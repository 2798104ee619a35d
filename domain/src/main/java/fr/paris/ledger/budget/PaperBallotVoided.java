package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An entry of an open batch (a paper ballot or a spoiled paper) was voided by the batch's agent: it
 * no longer counts toward the batch nor in the tally, and its number is free again.
 */
@Revision("2")
public record PaperBallotVoided(CampaignYear year, String batchId, BallotNumber ballotNumber, ParticipantId voidedBy, Instant voidedAt) {
}
