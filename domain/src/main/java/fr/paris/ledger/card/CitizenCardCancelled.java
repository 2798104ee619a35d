package fr.paris.ledger.card;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A citizen card was cancelled. {@code reason} is an agent's reason, if any (a holder's own reason is
 * not kept: free text by a citizen is not a public record).
 */
@Revision("2")
public record CitizenCardCancelled(
        ParticipantId participantId,
        String cardId,
        CancellationCause cause,
        String reason,
        ParticipantId cancelledBy,
        Instant cancelledAt) {
}
