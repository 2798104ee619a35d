package fr.paris.ledger.card;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A citizen card was cancelled. {@code newPostalCode} is set when the cause is a move out of Paris;
 * {@code reason} is the free text the holder or agent gave, if any.
 */
@Revision("1")
public record CitizenCardCancelled(
        ParticipantId participantId,
        CardNumber cardNumber,
        CancellationCause cause,
        String reason,
        PostalCode newPostalCode,
        ParticipantId cancelledBy,
        Instant cancelledAt) {
}
