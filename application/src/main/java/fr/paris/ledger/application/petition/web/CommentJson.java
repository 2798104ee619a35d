package fr.paris.ledger.application.petition.web;

import fr.paris.ledger.application.petition.PetitionReads;
import java.time.Instant;

/**
 * A comment as the public reads it. {@code text} is null when the comment is hidden by an agent
 * ({@code hidden}, with the agent's reason) or when its author's data was erased ({@code erased}).
 */
public record CommentJson(String commentId, String text, Instant commentedAt, boolean erased, boolean hidden,
                          String hiddenReason) {
    static CommentJson of(PetitionReads.Comment c) {
        return new CommentJson(c.commentId(), c.text(), c.commentedAt(), c.erased(), c.hidden(), c.hiddenReason());
    }
}
