package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent records the progress of a winning project. */
public record RecordRealization(@TargetAggregateIdentifier ProjectId projectId, RealizationStatus status, String note, ParticipantId by) {
}
