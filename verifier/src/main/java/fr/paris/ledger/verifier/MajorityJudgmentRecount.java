package fr.paris.ledger.verifier;

import fr.paris.ledger.budget.BallotMethod;
import fr.paris.ledger.budget.CampaignRules;
import fr.paris.ledger.budget.MajorityJudgmentResults;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The verifier's own count of a campaign voted by majority judgment, written from the rule of domain.md ("Majority
 * judgment") and not from the service's code: it shares the event records with the service, never its tally.
 *
 * <ul>
 * <li>A judge is a counted ballot (one per voter, chosen by {@link BudgetRecount}: the last online ballot cast no later
 * than the close and not withdrawn, else the first paper ballot of a confirmed batch). Every judge judges PARIS; a
 * judge judges arrondissement A when its ballot names A.</li>
 * <li>Each grade a judge gives a project of a scope it judges is counted as given; the judges of the scope who did not
 * grade the project are added to its 0s. A grade of a project outside the scopes the ballot judges is not counted, and
 * a grade outside 0..3 is named as a broken rule.</li>
 * <li>The majority grade is computed here as the highest grade g such that at least n - floor((n-1)/2) of the n judges
 * gave g or more: the lower median of domain.md, reached from the top rather than by walking up the sorted grades.</li>
 * <li>The ranking and the walk down the envelope as domain.md states them; p and q compared as fractions of integers.</li>
 * </ul>
 * Memory: four counters per project and one per scope.
 */
final class MajorityJudgmentRecount {
    private static final int GRADES = 4;

    private final int year;
    private final CampaignRules rules;
    private final List<BudgetRecount.Project> onBallot = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    /** Explicit grades per project: counts[project][grade]. */
    private final long[][] counts;
    /** Judges per scope: 0 PARIS, 1 to 20 the arrondissements. */
    private final long[] judges = new long[21];
    /** Counted ballots, by channel and by the arrondissement they named. */
    private final BallotCounts ballots = new BallotCounts();
    private final List<String> problems = new ArrayList<>();

    MajorityJudgmentRecount(int year, CampaignRules rules, Iterable<BudgetRecount.Project> projects) {
        this.year = year;
        this.rules = rules;
        for (BudgetRecount.Project p : projects) {
            if (p.feasible() && index.putIfAbsent(p.id().value(), onBallot.size()) == null) {
                onBallot.add(p);
            }
        }
        counts = new long[onBallot.size()][GRADES];
    }

    private static int scopeOf(BudgetRecount.Project p) {
        return "PARIS".equals(p.scope()) ? 0 : Integer.parseInt(p.scope());
    }

    /** A counted online ballot. */
    void online(Integer arrondissement, Map<String, Integer> grades, String where) {
        ballots.online++;
        judge(arrondissement, grades, where);
    }

    /** A counted paper ballot. */
    void paper(Integer arrondissement, Map<String, Integer> grades, String where) {
        ballots.paper++;
        judge(arrondissement, grades, where);
    }

    /** A paper ballot not counted: its voter's online ballot, or an earlier paper ballot of theirs, is. */
    void paperSetAside() {
        ballots.paperSetAside++;
    }

    List<String> problems() {
        return problems;
    }

    private void judge(Integer arrondissement, Map<String, Integer> grades, String where) {
        int arr = arrondissement != null && arrondissement >= 1 && arrondissement <= 20 ? arrondissement : 0;
        judges[0]++;
        if (arr > 0) {
            judges[arr]++;
        }
        ballots.byArrondissement[arr]++;
        if (grades == null) {
            return;
        }
        for (Map.Entry<String, Integer> g : grades.entrySet()) {
            Integer p = index.get(g.getKey());
            if (p == null) {
                continue;
            }
            int scope = scopeOf(onBallot.get(p));
            if (scope != 0 && scope != arr) {
                continue;
            }
            Integer grade = g.getValue();
            if (grade == null || grade < 0 || grade >= GRADES) {
                problems.add(where + " grades " + g.getKey() + " " + grade + ", outside 0..3 (not counted)");
                continue;
            }
            counts[p][grade]++;
        }
    }

    /** The highest grade that at least {@code n - floor((n-1)/2)} judges reached: the lower median. */
    static int majorityGrade(long[] profile) {
        long n = 0;
        for (long c : profile) {
            n += c;
        }
        long needed = n - (n - 1) / 2;
        long atLeast = 0;
        for (int g = profile.length - 1; g >= 0; g--) {
            atLeast += profile[g];
            if (atLeast >= needed) {
                return g;
            }
        }
        throw new IllegalArgumentException("no judge");
    }

    /** One project's merit in its scope. */
    private record Row(BudgetRecount.Project project, long[] profile, long n, int grade, long above, long below) {
        boolean pOverQ() {
            return above > below;
        }
    }

    /** domain.md: higher majority grade; p &gt; q first; then p and q in the order their case says; cost, submission, id. */
    private static final Comparator<Row> RANKING = (x, y) -> {
        if (x.n() > 0 && y.n() > 0) {
            if (x.grade() != y.grade()) {
                return x.grade() > y.grade() ? -1 : 1;
            }
            if (x.pOverQ() != y.pOverQ()) {
                return x.pOverQ() ? -1 : 1;
            }
            // p = above / n, q = below / n; cross-multiplied, so no division
            int pDescending = Long.compare(y.above() * x.n(), x.above() * y.n());
            int qAscending = Long.compare(x.below() * y.n(), y.below() * x.n());
            int first = x.pOverQ() ? pDescending : qAscending;
            int second = x.pOverQ() ? qAscending : pDescending;
            if (first != 0) {
                return first;
            }
            if (second != 0) {
                return second;
            }
        }
        int byCost = Long.compare(x.project().costCents(), y.project().costCents());
        if (byCost != 0) {
            return byCost;
        }
        int bySubmission = x.project().submittedAt().compareTo(y.project().submittedAt());
        return bySubmission != 0 ? bySubmission : x.project().id().value().compareTo(y.project().id().value());
    };

    /** The results, in the record the service publishes, for a field-by-field comparison. */
    MajorityJudgmentResults results() {
        return new MajorityJudgmentResults(new fr.paris.ledger.budget.CampaignYear(year), BallotMethod.MAJORITY_JUDGMENT, ballots.ballots(), ballots.paperSetAside,
                ballots.byChannel(), ballots.byArrondissement(), BallotCounts.scopes(rules, this::scope));
    }

    private MajorityJudgmentResults.ScopeResult scope(int scope, long envelope) {
        long n = judges[scope];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < onBallot.size(); i++) {
            BudgetRecount.Project p = onBallot.get(i);
            if (scopeOf(p) != scope) {
                continue;
            }
            long[] profile = counts[i].clone();
            long given = 0;
            for (long c : profile) {
                given += c;
            }
            profile[0] += n - given;
            if (n == 0) {
                rows.add(new Row(p, profile, 0, -1, 0, 0));
                continue;
            }
            int grade = majorityGrade(profile);
            long above = 0;
            long below = 0;
            for (int g = 0; g < GRADES; g++) {
                above += g > grade ? profile[g] : 0;
                below += g < grade ? profile[g] : 0;
            }
            rows.add(new Row(p, profile, n, grade, above, below));
        }
        rows.sort(RANKING);
        List<MajorityJudgmentResults.ProjectResult> projects = new ArrayList<>();
        long used = 0;
        int rank = 0;
        for (Row r : rows) {
            rank++;
            boolean wins = n > 0 && used + r.project().costCents() <= envelope;
            used += wins ? r.project().costCents() : 0;
            List<Long> profile = new ArrayList<>();
            for (long c : r.profile()) {
                profile.add(c);
            }
            projects.add(new MajorityJudgmentResults.ProjectResult(r.project().id(), profile,
                    n == 0 ? null : r.grade(), n == 0 ? null : r.above(), n == 0 ? null : r.below(), rank,
                    r.project().costCents(), wins));
        }
        return new MajorityJudgmentResults.ScopeResult(envelope, used, n, projects);
    }
}
