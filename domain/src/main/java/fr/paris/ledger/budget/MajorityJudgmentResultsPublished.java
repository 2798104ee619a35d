package fr.paris.ledger.budget;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The results of a majority-judgment vote, computed by {@link MajorityJudgmentTally} from the ballots, recorded as
 * the campaign entered RESULTS. Integer counts only: merit profiles, majority grades, the judges above and below
 * them, ranks and winners; never a floating-point number.
 */
@Revision("2")
public record MajorityJudgmentResultsPublished(CampaignYear year, MajorityJudgmentResults results, Instant publishedAt) {
}
