package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member resigns, or an admin records a member's resignation ({@code byAdmin}). */
public record ResignMember(@TargetAggregateIdentifier CouncilId councilId, ApplicationId applicationId, ParticipantId by,
                           boolean byAdmin) {
}
