package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A sitting member resigned (recorded by the member or by an admin, {@code recordedBy}). */
@Revision("2")
public record MemberResigned(CouncilId councilId, ApplicationId applicationId, ParticipantId participantId, String group,
                             ParticipantId recordedBy, Instant resignedAt) {
}
