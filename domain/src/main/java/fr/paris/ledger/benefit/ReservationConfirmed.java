package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A card holder got a seat. {@code participantId} is their reference in the scope {@code card} (the
 * same as on their card's events); {@code cardId} the random id of the ACTIVE card they reserved with.
 */
@Revision("2")
public record ReservationConfirmed(
        CardEventId eventId,
        ParticipantId participantId,
        String cardId,
        Instant reservedAt) {
}
