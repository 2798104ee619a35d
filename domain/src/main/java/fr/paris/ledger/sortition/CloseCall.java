package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin closes a call: the pool is frozen and its hash recorded. */
public record CloseCall(@TargetAggregateIdentifier CouncilId councilId, CallId callId, ParticipantId closedBy) {
}
