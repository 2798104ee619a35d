package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The results of the vote, computed by {@link BudgetTally} from the ballots, recorded as the campaign entered RESULTS. */
@Revision("2")
public record CampaignResultsPublished(CampaignYear year, BudgetResults results, Instant publishedAt) {
}
