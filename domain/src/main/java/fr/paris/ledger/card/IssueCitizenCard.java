package fr.paris.ledger.card;

import fr.paris.ledger.shared.Channel;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.LocalDate;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue a citizen card to a participant, asked by the participant online or by an agent on their
 * behalf ({@code requestedBy} is then the agent, and the channel says how the request came in).
 */
public record IssueCitizenCard(
        @TargetAggregateIdentifier CardHolderId holderId,
        String cardId,
        LocalDate birthdate,
        PostalCode postalCode,
        Channel channel,
        ParticipantId requestedBy) {

    public IssueCitizenCard {
        Objects.requireNonNull(holderId);
        Objects.requireNonNull(cardId);
        Objects.requireNonNull(birthdate);
        Objects.requireNonNull(postalCode);
        Objects.requireNonNull(channel);
        Objects.requireNonNull(requestedBy);
    }
}
