package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An agent (a staff reference) hid a comment, with a reason: the public list shows it as hidden. */
@Revision("2")
public record CommentHidden(String commentId, PetitionId petitionId, ParticipantId hiddenBy, String reason, Instant hiddenAt) {
}
