package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * One reservation ended before the event: its holder cancelled it, or the card it was made with was
 * cancelled. {@code status} is what it was (a confirmed seat frees a place for the first waiting holder).
 */
@Revision("2")
public record ReservationCancelled(
        CardEventId eventId,
        ParticipantId participantId,
        String cardId,
        ReservationStatus status,
        ReservationEnd cause,
        Instant cancelledAt) {
}
