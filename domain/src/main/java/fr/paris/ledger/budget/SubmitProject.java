package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A resident submits a project (any age). */
public record SubmitProject(@TargetAggregateIdentifier ProjectId projectId, ParticipantId author, PostalCode authorPostalCode, String title, String description, Scope scope, long estimatedCostCents, String category) {
}
