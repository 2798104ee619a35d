package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A participant commented on an open petition. */
@Revision("1")
public record PetitionCommented(String commentId, PetitionId petitionId, ParticipantId author, String text, Instant commentedAt) {
}
