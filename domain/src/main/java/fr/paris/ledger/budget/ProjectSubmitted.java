package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A resident submitted a project; its scope is fixed from now on. */
@Revision("2")
public record ProjectSubmitted(ProjectId projectId, CampaignYear year, ParticipantId author, String title, String description, Scope scope, long estimatedCostCents, String category, Instant submittedAt) {
}
