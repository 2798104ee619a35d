package fr.paris.ledger.card;

import fr.paris.ledger.shared.ParticipantId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancel a participant's active card, by the holder or by an agent. */
public record CancelCitizenCard(
        @TargetAggregateIdentifier CardHolderId holderId,
        String cardId,
        String reason,
        ParticipantId cancelledBy,
        boolean byAgent) {

    public CancelCitizenCard {
        Objects.requireNonNull(holderId);
        Objects.requireNonNull(cardId);
        Objects.requireNonNull(cancelledBy);
    }
}
