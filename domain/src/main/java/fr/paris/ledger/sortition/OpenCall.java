package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin opens a call for applications to draw {@code seats} per group and rank alternates. */
public record OpenCall(@TargetAggregateIdentifier CouncilId councilId, CallId callId, Map<String, Integer> seats,
                       int alternatesPerGroup, ParticipantId openedBy) {
}
