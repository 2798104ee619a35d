package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin defines a council: its name and rules. */
public record DefineCouncil(@TargetAggregateIdentifier CouncilId councilId, String name, CouncilRules rules,
                            ParticipantId definedBy) {
}
