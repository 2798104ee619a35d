package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The author withdraws their petition, before or during signing. */
public record WithdrawPetition(@TargetAggregateIdentifier PetitionId petitionId, ParticipantId by, String reason) {
}
