package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The signing window ended; recorded by the ledger's closing job at or after {@code closedAt}, the end of the window. */
@Revision("2")
public record PetitionClosed(PetitionId petitionId, Instant closedAt) {
}
