package fr.paris.ledger.budget;

import fr.paris.ledger.shared.RuleViolation;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a ballot may hold: up to {@code maxParisWideChoices} Paris-wide projects and up to
 * {@code maxArrondissementChoices} projects of one arrondissement, each on the ballot (found
 * feasible) in that scope, none twice, at least one choice in all.
 */
public final class BallotRules {
    private BallotRules() {
    }

    /** The projects on the ballot, by scope. */
    public static Map<Scope, Set<ProjectId>> options(Collection<ProjectFacts> projects) {
        return projects.stream().filter(ProjectFacts::onTheBallot)
                .collect(Collectors.groupingBy(ProjectFacts::scope, Collectors.mapping(ProjectFacts::id, Collectors.toSet())));
    }

    public static void check(CampaignRules rules, Map<Scope, Set<ProjectId>> options, List<ProjectId> parisWide,
                             Integer arrondissement, List<ProjectId> arrondissementProjects) {
        if (parisWide.isEmpty() && arrondissementProjects.isEmpty()) {
            throw RuleViolation.refused("budget.empty-ballot", "A ballot chooses at least one project.");
        }
        if (parisWide.size() > rules.maxParisWideChoices()) {
            throw RuleViolation.refused("budget.too-many-choices",
                    "At most " + rules.maxParisWideChoices() + " Paris-wide projects per ballot.");
        }
        if (arrondissementProjects.size() > rules.maxArrondissementChoices()) {
            throw RuleViolation.refused("budget.too-many-choices",
                    "At most " + rules.maxArrondissementChoices() + " projects of an arrondissement per ballot.");
        }
        if (new HashSet<>(parisWide).size() < parisWide.size()
                || new HashSet<>(arrondissementProjects).size() < arrondissementProjects.size()) {
            throw RuleViolation.refused("budget.duplicate-choice", "A project is chosen once per ballot.");
        }
        onTheBallot(options.getOrDefault(Scope.PARIS, Set.of()), parisWide, "Paris-wide");
        if (!arrondissementProjects.isEmpty()) {
            if (arrondissement == null || arrondissement < 1 || arrondissement > 20) {
                throw RuleViolation.refused("budget.not-on-ballot", "Arrondissement projects need their arrondissement.");
            }
            onTheBallot(options.getOrDefault(Scope.arrondissement(arrondissement), Set.of()), arrondissementProjects,
                    "the " + arrondissement + " arrondissement's");
        }
    }

    private static void onTheBallot(Set<ProjectId> allowed, List<ProjectId> chosen, String scope) {
        for (ProjectId p : chosen) {
            if (!allowed.contains(p)) {
                throw RuleViolation.refused("budget.not-on-ballot", "Project " + p.value() + " is not on " + scope + " ballot.");
            }
        }
    }
}
