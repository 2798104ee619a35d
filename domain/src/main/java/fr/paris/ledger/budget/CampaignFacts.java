package fr.paris.ledger.budget;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the rules need to know of a campaign: its phase, its rules, once results are in the winning
 * projects, and the paper batches opened in it (by batch id; each opening is immutable). Folded from
 * the campaign's events by {@link #apply}, used by the aggregate and by the {@link BudgetDirectory}.
 */
public record CampaignFacts(CampaignYear year, Phase phase, CampaignRules rules, java.time.Instant votingClosedAt,
                            boolean resultsPublished, Set<ProjectId> winners, Map<String, PaperBatchOpened> paperBatches) {

    public CampaignFacts {
        paperBatches = Map.copyOf(paperBatches);
    }

    /** A campaign without paper batches. */
    public CampaignFacts(CampaignYear year, Phase phase, CampaignRules rules, java.time.Instant votingClosedAt,
                         boolean resultsPublished, Set<ProjectId> winners) {
        this(year, phase, rules, votingClosedAt, resultsPublished, winners, Map.of());
    }

    public static CampaignFacts apply(CampaignFacts facts, Object event) {
        if (event instanceof CampaignCreated e) {
            return new CampaignFacts(e.year(), Phase.PROPOSALS, e.rules(), null, false, Set.of());
        }
        if (facts == null) {
            return null;
        }
        if (event instanceof CampaignPhaseChanged e) {
            var closed = e.from() == Phase.VOTING ? e.changedAt() : facts.votingClosedAt;
            return new CampaignFacts(facts.year, e.to(), facts.rules, closed, facts.resultsPublished, facts.winners,
                    facts.paperBatches);
        }
        if (event instanceof CampaignResultsPublished e) {
            return facts.published(e.results().scopes().values().stream().flatMap(s -> s.projects().stream())
                    .filter(BudgetResults.ProjectResult::winner).map(BudgetResults.ProjectResult::projectId));
        }
        if (event instanceof MajorityJudgmentResultsPublished e) {
            return facts.published(e.results().scopes().values().stream().flatMap(s -> s.projects().stream())
                    .filter(MajorityJudgmentResults.ProjectResult::winner).map(MajorityJudgmentResults.ProjectResult::projectId));
        }
        if (event instanceof PaperBatchOpened e) {
            Map<String, PaperBatchOpened> batches = new HashMap<>(facts.paperBatches);
            batches.put(e.batchId(), e);
            return new CampaignFacts(facts.year, facts.phase, facts.rules, facts.votingClosedAt, facts.resultsPublished,
                    facts.winners, batches);
        }
        return facts;
    }

    /** These facts once results naming these winners are recorded (of either ballot method). */
    private CampaignFacts published(java.util.stream.Stream<ProjectId> winners) {
        return new CampaignFacts(year, phase, rules, votingClosedAt, true, winners.collect(Collectors.toUnmodifiableSet()),
                paperBatches);
    }
}
