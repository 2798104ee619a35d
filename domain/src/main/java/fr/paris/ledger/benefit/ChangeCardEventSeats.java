package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent sets the number of seats for card holders: more seats promote waiting holders in order. */
public record ChangeCardEventSeats(
        @TargetAggregateIdentifier CardEventId eventId,
        int seats,
        ParticipantId changedBy) {

    public ChangeCardEventSeats {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(changedBy);
        if (seats < 0) {
            throw new IllegalArgumentException("seats cannot be negative");
        }
    }
}
