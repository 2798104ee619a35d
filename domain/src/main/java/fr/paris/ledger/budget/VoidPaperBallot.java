package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The batch's agent voids an entry (a ballot or a spoiled paper) before the batch is confirmed: a typing mistake. */
public record VoidPaperBallot(@TargetAggregateIdentifier PaperBatchId batchId, BallotNumber ballotNumber, ParticipantId by) {
}
