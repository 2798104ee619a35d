package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** City services' verdict on a project: FEASIBLE with its final cost, NOT_FEASIBLE with a reason, or MERGED into another project of the same scope. The last verdict of the FEASIBILITY phase stands. */
@Revision("2")
public record ProjectStudied(ProjectId projectId, Verdict verdict, Long costCents, String reason, ProjectId mergedInto, ParticipantId studiedBy, Instant studiedAt) {
}
