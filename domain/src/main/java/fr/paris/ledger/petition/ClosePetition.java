package fr.paris.ledger.petition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records the end of a petition's signing window; sent by the ledger's closing job. */
public record ClosePetition(@TargetAggregateIdentifier PetitionId petitionId) {
}
