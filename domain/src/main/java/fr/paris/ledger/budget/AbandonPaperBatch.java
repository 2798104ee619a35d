package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent or an admin abandons an open batch, saying why: none of its ballots will count. */
public record AbandonPaperBatch(@TargetAggregateIdentifier PaperBatchId batchId, String reason, ParticipantId by) {
}
