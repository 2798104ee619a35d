package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The applicant {@code by} (a reference in the council's scope) withdraws their application: from the
 * pool while the call is open, or their place among the alternates once drawn.
 */
public record WithdrawApplication(@TargetAggregateIdentifier CouncilId councilId, ApplicationId applicationId,
                                  ParticipantId by) {
}
