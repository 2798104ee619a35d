package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Another agent than the batch's countersigns it: its entries match the declared count. */
public record ConfirmPaperBatch(@TargetAggregateIdentifier PaperBatchId batchId, ParticipantId by) {
}
