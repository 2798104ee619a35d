package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A second agent countersigned a batch whose entries matched its declared count: from now on its
 * ballots count. {@code ballots} and {@code spoiled} are its entries (not voided) of each kind;
 * {@code confirmedBy} is a staff reference, never the batch's own agent.
 */
@Revision("2")
public record PaperBatchConfirmed(CampaignYear year, String batchId, int ballots, int spoiled, ParticipantId confirmedBy,
                                  Instant confirmedAt) {
}
