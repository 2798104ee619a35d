package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The holder gives up their seat or their place on the waiting list, before the event starts. */
public record CancelReservation(
        @TargetAggregateIdentifier CardEventId eventId,
        ParticipantId holder) {

    public CancelReservation {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(holder);
    }
}
