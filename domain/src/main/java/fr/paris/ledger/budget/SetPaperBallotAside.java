package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set a voter's paper ballot aside while voting is open (their erasure): it leaves the tally. */
public record SetPaperBallotAside(@TargetAggregateIdentifier PaperBatchId batchId, BallotNumber ballotNumber, ParticipantId voter) {
}
