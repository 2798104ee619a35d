package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An agent rejected the petition (outside the city's competence, abusive, duplicate...). */
@Revision("2")
public record PetitionRejected(PetitionId petitionId, ParticipantId moderator, String reason, Instant rejectedAt) {
}
