package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An applicant took a seat for a mandate from {@code mandateStart} to {@code mandateEnd}: drawn, or
 * an alternate replacing the resigned member {@code replaces} for the rest of that mandate.
 */
@Revision("2")
public record MemberSeated(CouncilId councilId, ApplicationId applicationId, ParticipantId participantId,
                           String group, CallId callId, Instant mandateStart, Instant mandateEnd, ApplicationId replaces) {
}
