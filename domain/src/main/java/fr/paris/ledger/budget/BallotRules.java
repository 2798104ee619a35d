package fr.paris.ledger.budget;

import fr.paris.ledger.shared.RuleViolation;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a ballot may hold. An approval ballot: up to {@code maxParisWideChoices} Paris-wide projects and up to
 * {@code maxArrondissementChoices} projects of one arrondissement, each on the ballot (found
 * feasible) in that scope, none twice, at least one choice in all. A majority-judgment ballot: at least one grade,
 * each 0 to 3, each of a project on the Paris-wide ballot or on the ballot of the arrondissement it names; no limit
 * on how many.
 */
public final class BallotRules {
    private BallotRules() {
    }

    /**
     * What a ballot records once its rules are checked: the choices of an approval ballot (the arrondissement only
     * with arrondissement projects), or the grades of a majority-judgment ballot with the arrondissement it names.
     */
    public record Content(List<ProjectId> parisWide, Integer arrondissement, List<ProjectId> arrondissementProjects,
                          SortedMap<String, Integer> grades) {
    }

    /**
     * Checks a ballot by its campaign's method and returns what it records. Fields of the other method must be
     * empty: {@code budget.wrong-ballot-method} (over HTTP, {@code 400 request.invalid} comes first).
     */
    public static Content check(CampaignRules rules, Map<Scope, Set<ProjectId>> options, List<ProjectId> parisWide,
                                Integer arrondissement, List<ProjectId> arrondissementProjects, Map<ProjectId, Integer> grades) {
        List<ProjectId> paris = parisWide == null ? List.of() : parisWide;
        List<ProjectId> local = arrondissementProjects == null ? List.of() : arrondissementProjects;
        if (rules.majorityJudgment()) {
            if (!paris.isEmpty() || !local.isEmpty()) {
                throw RuleViolation.refused("budget.wrong-ballot-method",
                        "This campaign is voted by majority judgment: grade the projects, do not choose them.");
            }
            checkGrades(options, arrondissement, grades);
            return new Content(List.of(), arrondissement, List.of(), Grades.byValue(grades));
        }
        if (grades != null && !grades.isEmpty()) {
            throw RuleViolation.refused("budget.wrong-ballot-method",
                    "This campaign is voted by approval: choose projects, do not grade them.");
        }
        check(rules, options, paris, arrondissement, local);
        return new Content(paris, local.isEmpty() ? null : arrondissement, local, null);
    }

    /**
     * A majority-judgment ballot: at least one grade ({@code budget.empty-ballot}), each 0 to 3
     * ({@code budget.grade-invalid}), each of a project on the Paris-wide ballot or on the ballot of the named
     * arrondissement ({@code budget.not-on-ballot}).
     */
    public static void checkGrades(Map<Scope, Set<ProjectId>> options, Integer arrondissement, Map<ProjectId, Integer> grades) {
        if (grades == null || grades.isEmpty()) {
            throw RuleViolation.refused("budget.empty-ballot", "A ballot grades at least one project.");
        }
        SortedMap<ProjectId, Integer> inOrder = new TreeMap<>(java.util.Comparator.comparing(ProjectId::value));
        inOrder.putAll(grades);
        for (Map.Entry<ProjectId, Integer> g : inOrder.entrySet()) {
            Integer grade = g.getValue();
            if (grade == null || grade < Grades.LOWEST || grade > Grades.HIGHEST) {
                throw RuleViolation.refused("budget.grade-invalid", "Project " + g.getKey().value() + " is graded " + grade
                        + ": a grade is 0 (Pas convaincu·e), 1 (Pourquoi pas), 2 (J'aime bien) or 3 (Coup de cœur).");
            }
        }
        if (arrondissement != null && (arrondissement < 1 || arrondissement > 20)) {
            throw RuleViolation.refused("budget.not-on-ballot", "An arrondissement is 1 to 20.");
        }
        Set<ProjectId> paris = options.getOrDefault(Scope.PARIS, Set.of());
        Set<ProjectId> local = arrondissement == null ? Set.of()
                : options.getOrDefault(Scope.arrondissement(arrondissement), Set.of());
        for (ProjectId p : inOrder.keySet()) {
            if (!paris.contains(p) && !local.contains(p)) {
                throw RuleViolation.refused("budget.not-on-ballot", "Project " + p.value() + " is not on the Paris-wide ballot"
                        + (arrondissement == null ? "; grading an arrondissement's project needs that arrondissement named."
                        : " nor on the " + arrondissement + " arrondissement's."));
            }
        }
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
