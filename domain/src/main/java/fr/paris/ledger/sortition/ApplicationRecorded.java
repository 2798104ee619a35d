package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * An eligible participant applied to a call, declaring a quota group. {@code participantId} is a
 * reference in the scope {@code council:<council>}, the same across every call of the council. Age
 * and residence were judged when the application was recorded; nothing derived from a birth date or
 * a postal code is kept (an alternate seated later keeps the eligibility judged then).
 */
@Revision("2")
public record ApplicationRecorded(CouncilId councilId, CallId callId, ApplicationId applicationId,
                                  ParticipantId participantId, String group, Instant appliedAt) {
}
