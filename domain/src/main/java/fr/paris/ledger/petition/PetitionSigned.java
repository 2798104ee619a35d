package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A Parisian signed the petition. {@code participantId} is the signer's reference in the scope
 * {@code petition:<id>} (never an identity); the arrondissement (1-20) is where residence was judged.
 */
@Revision("2")
public record PetitionSigned(PetitionId petitionId, ParticipantId participantId, int arrondissement, Instant signedAt) {
}
