package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An agent opened a batch of paper ballots for one urn, declaring how many papers it holds. Recorded
 * by the campaign ({@code budget-campaign:<year>}), which knows its batches when it moves to RESULTS;
 * the batch's entries are in its own aggregate ({@code budget-paper-batch:<year>:<batchId>}).
 * {@code openedBy} is a staff reference: the only agent who enters the batch's papers.
 */
@Revision("2")
public record PaperBatchOpened(CampaignYear year, String batchId, String urn, int declaredCount, ParticipantId openedBy,
                               Instant openedAt) {
}
