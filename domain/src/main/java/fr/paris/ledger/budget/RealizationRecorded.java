package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Progress of a winning project. */
@Revision("2")
public record RealizationRecorded(ProjectId projectId, RealizationStatus status, String note, ParticipantId recordedBy, Instant recordedAt) {
}
