package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A participant comments on an open petition; each comment is its own aggregate. */
public record CommentOnPetition(@TargetAggregateIdentifier CommentId commentId, PetitionId petitionId,
                                ParticipantId author, String sealedText) {
}
