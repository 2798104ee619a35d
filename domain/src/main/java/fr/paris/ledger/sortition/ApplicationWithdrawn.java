package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An applicant withdrew: before the call closed, the application leaves the pool; after the draw,
 * an alternate's place is given up (a later replacement passes over it).
 */
@Revision("2")
public record ApplicationWithdrawn(CouncilId councilId, CallId callId, ApplicationId applicationId,
                                   ParticipantId participantId, Instant withdrawnAt) {
}
