package fr.paris.ledger.budget;

import java.util.List;
import java.util.Map;

/**
 * The results of a campaign's vote, as {@link BudgetTally} computes them and the results event
 * records them. Maps are in a fixed order (scopes PARIS then 1 to 20; arrondissements 1 to 20; then
 * "none" for ballots without arrondissement choices), so the same ballots give the same bytes.
 *
 * @param ballots                ballots counted (one per voter)
 * @param paperBallotsSetAside   paper ballots not counted because their voter's online ballot (or an
 *                               earlier paper ballot) was counted
 * @param ballotsByChannel       counted ballots, ONLINE and PAPER
 * @param ballotsByArrondissement counted ballots by the arrondissement they voted in
 * @param scopes                 per scope: envelope, amount used and the ranked projects
 */
public record BudgetResults(CampaignYear year, long ballots, long paperBallotsSetAside, Map<String, Long> ballotsByChannel,
                            Map<String, Long> ballotsByArrondissement, Map<String, ScopeResult> scopes) {

    /** One scope's outcome. */
    public record ScopeResult(long envelopeCents, long usedCents, List<ProjectResult> projects) {
    }

    /** One project's outcome: its votes, its rank (1 = most votes, ties broken as the rules say), cost and whether it won. */
    public record ProjectResult(ProjectId projectId, long votes, int rank, long costCents, boolean winner) {
    }
}
