package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The CPDP placed the eligible petition on the agenda of the Conseil de Paris; the count it relied on is recorded. */
@Revision("2")
public record PetitionPlacedOnCouncilAgenda(PetitionId petitionId, ParticipantId member, LocalDate councilSession, long validSignatures, Instant thresholdReachedAt, Instant decidedAt) {
}
