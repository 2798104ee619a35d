package fr.paris.ledger.verifier;

import fr.paris.ledger.budget.BudgetResults;
import fr.paris.ledger.budget.CampaignRules;
import fr.paris.ledger.budget.ProjectId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verifier's own count of a campaign voted by approval, written from the rules of the documents and not from the
 * service's code: domain.md ("Budget Participatif", {@code RESULTS}) and api.md ({@code GET
 * /budget/campaigns/{year}/results}, its example and the meaning of each field). It shares the event records with the
 * service, never its tally.
 *
 * <ul>
 * <li>A counted ballot is one per voter, chosen by {@link BudgetRecount} (the last online ballot cast no later than
 * the close and not withdrawn, else the first paper ballot of a confirmed batch); the others of the voter's paper
 * ballots are only counted as set aside.</li>
 * <li>A ballot gives one vote to each project it chooses that is on the ballot (found feasible) in the scope it was
 * chosen for: a Paris-wide choice to a project of PARIS, an arrondissement choice to a project of the arrondissement
 * the ballot names. A choice named twice in one ballot is one vote.</li>
 * <li>{@code ballotsByArrondissement}: the arrondissement whose projects the ballot chose, "1" to "20", each present,
 * then "none" for a ballot without arrondissement projects.</li>
 * <li>Per scope, PARIS then "1" to "20": the projects on the ballot ranked by votes, more first; ties go to the lower
 * cost, then the earlier submission, then the lower project id. Walking down the ranking, a project wins if its cost
 * fits in what is left of the envelope; one that does not fit is skipped and the walk goes on. {@code usedCents} is the
 * sum of the winners' costs.</li>
 * </ul>
 * Memory: one counter per project and per arrondissement.
 */
final class ApprovalRecount {
    private final int year;
    private final CampaignRules rules;
    /** The projects on the ballot, by id value. */
    private final Map<String, BudgetRecount.Project> onBallot = new LinkedHashMap<>();
    private final Map<String, Long> votes = new HashMap<>();
    /** Counted ballots, by channel and by the arrondissement whose projects they chose. */
    private final BallotCounts counts = new BallotCounts();

    ApprovalRecount(int year, CampaignRules rules, Iterable<BudgetRecount.Project> projects) {
        this.year = year;
        this.rules = rules;
        for (BudgetRecount.Project p : projects) {
            if (p.feasible() && onBallot.putIfAbsent(p.id().value(), p) == null) {
                votes.put(p.id().value(), 0L);
            }
        }
    }

    /** A counted online ballot. */
    void online(List<ProjectId> parisWide, Integer arrondissement, List<ProjectId> arrondissementProjects) {
        counts.online++;
        vote(parisWide, arrondissement, arrondissementProjects);
    }

    /** A counted paper ballot. */
    void paper(List<ProjectId> parisWide, Integer arrondissement, List<ProjectId> arrondissementProjects) {
        counts.paper++;
        vote(parisWide, arrondissement, arrondissementProjects);
    }

    /** A paper ballot not counted: its voter's online ballot, or an earlier paper ballot of theirs, is. */
    void paperSetAside() {
        counts.paperSetAside++;
    }

    private void vote(List<ProjectId> parisWide, Integer arrondissement, List<ProjectId> arrondissementProjects) {
        boolean named = arrondissement != null && arrondissement >= 1 && arrondissement <= 20;
        boolean local = named && arrondissementProjects != null && !arrondissementProjects.isEmpty();
        counts.byArrondissement[local ? arrondissement : 0]++;
        Set<String> chosen = new HashSet<>();
        for (ProjectId id : parisWide == null ? List.<ProjectId>of() : parisWide) {
            choose(id, "PARIS", chosen);
        }
        if (local) {
            for (ProjectId id : arrondissementProjects) {
                choose(id, Integer.toString(arrondissement), chosen);
            }
        }
    }

    private void choose(ProjectId id, String scope, Set<String> chosen) {
        BudgetRecount.Project p = id == null ? null : onBallot.get(id.value());
        if (p != null && p.scope().equals(scope) && chosen.add(id.value())) {
            votes.merge(id.value(), 1L, Long::sum);
        }
    }

    /** domain.md: more votes first; then lower cost, earlier submission, lower project id. */
    private Comparator<BudgetRecount.Project> ranking() {
        return Comparator.<BudgetRecount.Project>comparingLong(p -> votes.get(p.id().value())).reversed()
                .thenComparingLong(BudgetRecount.Project::costCents)
                .thenComparing(BudgetRecount.Project::submittedAt)
                .thenComparing(p -> p.id().value());
    }

    /** The results, in the record the service publishes, for a field-by-field comparison. */
    BudgetResults results() {
        return new BudgetResults(new fr.paris.ledger.budget.CampaignYear(year), counts.ballots(), counts.paperSetAside, counts.byChannel(), counts.byArrondissement(),
                BallotCounts.scopes(rules, this::scope));
    }

    /** One scope's ranking and walk: 0 is PARIS, 1 to 20 the arrondissements. */
    private BudgetResults.ScopeResult scope(int number, long envelope) {
        String scope = number == 0 ? "PARIS" : Integer.toString(number);
        List<BudgetRecount.Project> ranked = new ArrayList<>();
        for (BudgetRecount.Project p : onBallot.values()) {
            if (p.scope().equals(scope)) {
                ranked.add(p);
            }
        }
        ranked.sort(ranking());
        List<BudgetResults.ProjectResult> projects = new ArrayList<>();
        long used = 0;
        for (BudgetRecount.Project p : ranked) {
            boolean wins = used + p.costCents() <= envelope;
            used += wins ? p.costCents() : 0;
            projects.add(new BudgetResults.ProjectResult(p.id(), votes.get(p.id().value()), projects.size() + 1, p.costCents(),
                    wins));
        }
        return new BudgetResults.ScopeResult(envelope, used, List.copyOf(projects));
    }
}
