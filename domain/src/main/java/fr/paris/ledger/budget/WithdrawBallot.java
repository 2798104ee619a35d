package fr.paris.ledger.budget;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The voter withdraws their online ballot while voting is open (erasure does it for them). */
public record WithdrawBallot(@TargetAggregateIdentifier BallotId ballotId) {
}
