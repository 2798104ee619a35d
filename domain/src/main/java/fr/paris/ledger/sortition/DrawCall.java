package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin draws a closed call's seats from public random sources. */
public record DrawCall(@TargetAggregateIdentifier CouncilId councilId, CallId callId, DrawAlgorithm algorithm,
                       List<RandomSource> randomSources, ParticipantId drawnBy) {
}
