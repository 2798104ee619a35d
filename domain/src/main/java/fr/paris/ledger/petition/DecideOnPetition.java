package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The CPDP's decision, with the count of valid signatures it relied on (recounted from the events
 * by {@link SignatureRecount} when the decision is taken) and when the threshold was reached.
 */
public record DecideOnPetition(@TargetAggregateIdentifier PetitionId petitionId, ParticipantId member,
                               CpdpDecision decision, LocalDate councilSession, String reason,
                               long validSignatures, Instant thresholdReachedAt) {
}
