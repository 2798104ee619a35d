package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An open batch was abandoned: none of its ballots count, ever, and their numbers are free again
 * (the urn may be counted again in a new batch). {@code abandonedBy} is a staff reference.
 */
@Revision("2")
public record PaperBatchAbandoned(CampaignYear year, String batchId, String reason, ParticipantId abandonedBy, Instant abandonedAt) {
}
