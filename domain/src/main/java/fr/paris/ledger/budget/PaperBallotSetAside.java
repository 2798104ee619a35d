package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A paper ballot was set aside while voting was open, because its voter's data was erased: it stays
 * entered (its number is used, it counts toward its batch) but is not counted, so that the same
 * person, new to the ledger, is never counted twice.
 */
@Revision("2")
public record PaperBallotSetAside(CampaignYear year, String batchId, BallotNumber ballotNumber, ParticipantId voter, Instant setAsideAt) {
}
