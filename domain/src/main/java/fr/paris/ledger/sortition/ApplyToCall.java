package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A participant applies to a call declaring a quota group; {@code birthdate} and {@code postalCode}
 * are the token's, judged today (null when absent). The id is chosen by the caller (random).
 */
public record ApplyToCall(@TargetAggregateIdentifier CouncilId councilId, CallId callId, ApplicationId applicationId,
                          ParticipantId participantId, String group, LocalDate birthdate, PostalCode postalCode) {
}
