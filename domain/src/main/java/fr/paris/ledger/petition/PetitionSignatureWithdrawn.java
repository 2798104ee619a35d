package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A signer withdrew their signature while the petition was open. */
@Revision("2")
public record PetitionSignatureWithdrawn(PetitionId petitionId, ParticipantId participantId, Instant withdrawnAt) {
}
