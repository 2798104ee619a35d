package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent offers card holders seats at an event or workshop that has not started yet. */
public record ScheduleCardEvent(
        @TargetAggregateIdentifier CardEventId eventId,
        BenefitKind kind,
        String title,
        Instant startsAt,
        int seats,
        ParticipantId scheduledBy) {

    public ScheduleCardEvent {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(title);
        Objects.requireNonNull(startsAt);
        Objects.requireNonNull(scheduledBy);
        if (seats < 0) {
            throw new IllegalArgumentException("seats cannot be negative");
        }
    }
}
