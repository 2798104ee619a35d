package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Every seat was taken: the card holder waits, at {@code position} (from 1) when the request was
 * recorded. The waiting list is in the order of these events in the event's stream.
 */
@Revision("2")
public record ReservationWaitlisted(
        CardEventId eventId,
        ParticipantId participantId,
        String cardId,
        int position,
        Instant waitlistedAt) {
}
