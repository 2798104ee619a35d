package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The CPDP declined to place the petition on the council agenda, with its reason. */
@Revision("2")
public record PetitionDeclined(PetitionId petitionId, ParticipantId member, String reason, long validSignatures, Instant decidedAt) {
}
