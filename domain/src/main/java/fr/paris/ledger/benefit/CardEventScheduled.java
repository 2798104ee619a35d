package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An event or workshop offers {@code seats} places to card holders; {@code scheduledBy} is the agent's staff reference. */
@Revision("2")
public record CardEventScheduled(
        CardEventId eventId,
        BenefitKind kind,
        String title,
        Instant startsAt,
        int seats,
        ParticipantId scheduledBy,
        Instant scheduledAt) {
}
