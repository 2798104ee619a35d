package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * An eligible participant applied to a call, declaring a quota group. It records what eligibility
 * was judged on (postal code, birth year, age on the day) and, for councils with a maximum age, the
 * day the applicant ages out, so that an alternate's age can be judged again later; not the
 * birthdate itself.
 */
@Revision("1")
public record ApplicationRecorded(CouncilId councilId, CallId callId, ApplicationId applicationId,
                                  ParticipantId participantId, String group, PostalCode postalCode, Integer birthYear,
                                  Integer ageOnApplication, LocalDate agesOutOn, Instant appliedAt) {
}
