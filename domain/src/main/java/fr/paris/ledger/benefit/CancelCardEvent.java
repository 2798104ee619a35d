package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.ParticipantId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent cancels an event that has not started: every reservation of it ends. */
public record CancelCardEvent(
        @TargetAggregateIdentifier CardEventId eventId,
        String reason,
        ParticipantId cancelledBy) {

    public CancelCardEvent {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(cancelledBy);
    }
}
