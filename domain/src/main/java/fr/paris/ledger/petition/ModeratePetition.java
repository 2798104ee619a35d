package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent publishes or rejects (with a reason) a petition awaiting moderation. */
public record ModeratePetition(@TargetAggregateIdentifier PetitionId petitionId, ParticipantId moderator,
                               Moderation decision, String reason) {
}
