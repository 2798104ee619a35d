package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The event was cancelled before it started: every reservation ends with it ({@code confirmed} seats
 * and {@code waitlisted} places at that moment). {@code reason} is the agent's, a public record.
 */
@Revision("2")
public record CardEventCancelled(
        CardEventId eventId,
        String reason,
        int confirmed,
        int waitlisted,
        ParticipantId cancelledBy,
        Instant cancelledAt) {
}
