package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The CPDP's decision, with the count of valid signatures it relied on (recounted from the events
 * by {@link SignatureRecount} as of {@code countedAsOf}) and when the threshold was reached. The
 * decision is recorded as taken at {@code countedAsOf}, so that a recount as of the recorded
 * decision time gives the recorded count, whatever happened between the count and the command.
 */
public record DecideOnPetition(@TargetAggregateIdentifier PetitionId petitionId, ParticipantId member,
                               CpdpDecision decision, LocalDate councilSession, String reason,
                               long validSignatures, Instant thresholdReachedAt, Instant countedAsOf) {
}
