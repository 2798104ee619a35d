package fr.paris.ledger.card;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The holder of an active card moved within Paris: from one arrondissement to another. */
@Revision("2")
public record CitizenCardResidenceChanged(
        ParticipantId participantId,
        String cardId,
        int fromArrondissement,
        int toArrondissement,
        Instant changedAt) {
}
