package fr.paris.ledger.budget;

import java.util.List;
import java.util.Map;

/**
 * The results of a majority-judgment vote, as {@link MajorityJudgmentTally} computes them and
 * {@link MajorityJudgmentResultsPublished} records them: integer counts only (the API derives {@code p} and
 * {@code q} from them). Maps are in a fixed order, as in {@link BudgetResults}: scopes PARIS then 1 to 20;
 * arrondissements 1 to 20, then "none"; channels ONLINE, PAPER.
 *
 * @param method                  always {@link BallotMethod#MAJORITY_JUDGMENT}
 * @param ballots                 ballots counted (one per voter)
 * @param paperBallotsSetAside    paper ballots not counted because their voter's online ballot (or an earlier paper
 *                                ballot) was counted
 * @param ballotsByChannel        counted ballots, ONLINE and PAPER
 * @param ballotsByArrondissement counted ballots by the arrondissement they named (judged), "none" for none
 * @param scopes                  per scope: envelope, amount used, judges and the ranked projects
 */
public record MajorityJudgmentResults(CampaignYear year, BallotMethod method, long ballots, long paperBallotsSetAside,
                                      Map<String, Long> ballotsByChannel, Map<String, Long> ballotsByArrondissement,
                                      Map<String, ScopeResult> scopes) {

    /**
     * One scope's outcome.
     *
     * @param judges the ballots that judge the scope: every ballot for PARIS, those naming the arrondissement for one
     */
    public record ScopeResult(long envelopeCents, long usedCents, long judges, List<ProjectResult> projects) {
    }

    /**
     * One project's outcome.
     *
     * @param profile       how many judges gave it 0, 1, 2 and 3 (an ungraded project is a 0); they sum to the judges
     * @param majorityGrade the lower median grade; null without judges
     * @param above         judges strictly above the majority grade ({@code p} = above / judges); null without judges
     * @param below         judges strictly below it ({@code q} = below / judges); null without judges
     * @param rank          1 = first in the ranking of {@link MajorityJudgmentTally}
     */
    public record ProjectResult(ProjectId projectId, List<Long> profile, Integer majorityGrade, Long above, Long below,
                                int rank, long costCents, boolean winner) {
    }
}
