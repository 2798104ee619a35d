package fr.paris.ledger.card;

import fr.paris.ledger.shared.PostalCode;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The holder moved: within Paris the card follows them; out of Paris it is cancelled. */
public record ChangeCardResidence(
        @TargetAggregateIdentifier CardHolderId holderId,
        String cardId,
        PostalCode postalCode) {

    public ChangeCardResidence {
        Objects.requireNonNull(holderId);
        Objects.requireNonNull(cardId);
        Objects.requireNonNull(postalCode);
    }
}
