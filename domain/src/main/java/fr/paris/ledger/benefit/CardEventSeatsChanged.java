package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The seats for card holders changed (never below the confirmed count). Waiting holders promoted by
 * added seats follow as {@link ReservationPromoted} events, in the order they waited.
 */
@Revision("2")
public record CardEventSeatsChanged(
        CardEventId eventId,
        int fromSeats,
        int toSeats,
        ParticipantId changedBy,
        Instant changedAt) {
}
