package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The first waiting holder got the seat a cancellation or added seats freed. */
@Revision("2")
public record ReservationPromoted(
        CardEventId eventId,
        ParticipantId participantId,
        String cardId,
        Instant promotedAt) {
}
