package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The author withdrew the petition: signing stopped. */
@Revision("2")
public record PetitionWithdrawn(PetitionId petitionId, ParticipantId author, String reason, Instant withdrawnAt) {
}
