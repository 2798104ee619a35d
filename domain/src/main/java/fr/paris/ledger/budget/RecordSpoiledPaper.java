package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The batch's agent records a spoiled paper of the urn under its number. */
public record RecordSpoiledPaper(@TargetAggregateIdentifier PaperBatchId batchId, BallotNumber ballotNumber, ParticipantId by) {
}
