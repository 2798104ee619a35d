package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The card {@code cardId} of {@code holder} was cancelled: their reservation made with it ends, if the
 * event has not started. Sent by the process that follows card cancellations; when there is nothing
 * to end (no such reservation, an event started or cancelled) it is refused with
 * {@code benefit.nothing-to-end} and writes nothing, so that it can be sent any number of times.
 */
public record EndCardReservation(
        @TargetAggregateIdentifier CardEventId eventId,
        ParticipantId holder,
        String cardId) {

    public EndCardReservation {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(holder);
        Objects.requireNonNull(cardId);
    }
}
