package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A Parisian signed the petition; the postal code it was judged on is recorded. */
@Revision("1")
public record PetitionSigned(PetitionId petitionId, ParticipantId participantId, PostalCode postalCode, int arrondissement, Instant signedAt) {
}
