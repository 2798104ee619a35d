package fr.paris.ledger.card;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The holder of an active card moved within Paris. */
@Revision("1")
public record CitizenCardResidenceChanged(
        ParticipantId participantId,
        CardNumber cardNumber,
        PostalCode postalCode,
        int fromArrondissement,
        int toArrondissement,
        Instant changedAt) {
}
