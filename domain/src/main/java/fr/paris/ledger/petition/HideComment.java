package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent hides a comment (abusive, off topic...), giving a reason; the comment stays in the log. */
public record HideComment(@TargetAggregateIdentifier CommentId commentId, ParticipantId by, String reason) {
}
