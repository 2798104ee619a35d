package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent records the feasibility verdict. */
public record StudyProject(@TargetAggregateIdentifier ProjectId projectId, Verdict verdict, Long costCents, String reason, ProjectId mergedInto, ParticipantId by) {
}
