package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An agent published the petition: its 365-day signing window opened. */
@Revision("2")
public record PetitionPublished(PetitionId petitionId, ParticipantId moderator, Instant opensAt, Instant closesAt) {
}
