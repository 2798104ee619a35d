package fr.paris.ledger.budget;

import java.time.Instant;

/**
 * What the rules and the tally need to know of a project: its campaign, scope, the verdict that
 * stands and the cost that counts (final cost once feasible, else the estimate).
 *
 * @param verdict null until studied
 */
public record ProjectFacts(ProjectId id, CampaignYear year, Scope scope, Verdict verdict, long costCents, Instant submittedAt) {

    public static ProjectFacts apply(ProjectFacts facts, Object event) {
        if (event instanceof ProjectSubmitted e) {
            return new ProjectFacts(e.projectId(), e.year(), e.scope(), null, e.estimatedCostCents(), e.submittedAt());
        }
        if (facts == null) {
            return null;
        }
        if (event instanceof ProjectStudied e) {
            long cost = e.verdict() == Verdict.FEASIBLE ? e.costCents() : facts.costCents;
            return new ProjectFacts(facts.id, facts.year, facts.scope, e.verdict(), cost, facts.submittedAt);
        }
        return facts;
    }

    public boolean onTheBallot() {
        return verdict == Verdict.FEASIBLE;
    }
}
