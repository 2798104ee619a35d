package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A card holder asks for a place. {@code holder} is their reference in the scope {@code card} (the
 * same as their card's), {@code cardId} the ACTIVE card they hold, which the caller checked: the
 * reservation ends if that card is cancelled before the event.
 */
public record ReserveSeat(
        @TargetAggregateIdentifier CardEventId eventId,
        ParticipantId holder,
        String cardId) {

    public ReserveSeat {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(holder);
        Objects.requireNonNull(cardId);
    }
}
