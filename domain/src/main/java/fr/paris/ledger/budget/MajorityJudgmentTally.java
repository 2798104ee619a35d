package fr.paris.ledger.budget;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tally of a participatory budget voted by majority judgment (domain.md, "Majority judgment"), from the
 * campaign's rules, its projects and its ballots.
 *
 * <ol>
 * <li>One ballot per voter, as for approval ballots ({@link BallotCounter}): the voter's last online ballot cast no
 * later than the close; a voter without one is counted on their first paper ballot of a confirmed batch, in the
 * order entered, and their other paper ballots are set aside.</li>
 * <li>The judges of a scope: every counted ballot judges PARIS; a ballot judges arrondissement A when it names A. A
 * project of a judged scope left ungraded is a 0 from that judge.</li>
 * <li>Per project, the merit profile (judges giving 0, 1, 2, 3), the majority grade (the lower median: the grade
 * at position floor((n-1)/2), 0-based, of the n grades in ascending order), and the judges strictly above and
 * strictly below it ({@code p} = above/n, {@code q} = below/n).</li>
 * <li>Ranking per scope, best first: higher majority grade; at equal grade a project with p &gt; q before one with
 * p &lt;= q; two with p &gt; q: larger p, then smaller q; two with p &lt;= q: smaller q, then larger p; then lower
 * cost, earlier submission, project id. No iterated majority values.</li>
 * <li>Walking down the ranking, a project wins if its cost fits in what is left of the envelope; one that does not
 * fit is skipped. A scope without judges has no majority grade and no winner.</li>
 * </ol>
 *
 * <p>Memory: four counters per project (one of them derived), one judge count per scope, and one compact copy of each
 * paper voter's first paper ballot (project indexes and grades, until an online ballot of the same voter replaces it
 * or the tally finishes). Online ballots are counted as they come and not kept. p and q are compared as fractions of
 * integers (cross-multiplied), never as floating-point numbers. The same input always gives the same results.
 */
public final class MajorityJudgmentTally implements BallotCounter {
    private static final String NO_ARRONDISSEMENT = "none";
    private static final int SCOPES = 21;

    private final CampaignYear year;
    private final CampaignRules rules;
    private final Instant votingClosedAt;
    /** The projects on the ballot, in the order given; a project's index is its place here. */
    private final List<ProjectFacts> onBallot = new ArrayList<>();
    private final Map<String, Integer> indexOf = new HashMap<>();
    /** The scope of each project: 0 PARIS, 1 to 20 an arrondissement. */
    private final int[] scopeOf;
    /** Per project, judges who gave it 1, 2 and 3 (at index 4p + grade; grade 0 is derived from the judges). */
    private final long[] graded;
    private final long[] judges = new long[SCOPES];
    private final long[] byArrondissement = new long[SCOPES];
    /** A paper voter's first paper ballot: the arrondissement named (0: none) and (index << 2 | grade) of its grades above 0. */
    private final Map<String, int[]> firstPaperByVoter = new LinkedHashMap<>();
    private long online;
    private long paperSetAside;
    private boolean paperClosed;

    /**
     * @param votingClosedAt online ballots cast after this moment are not counted (null: not closed yet)
     */
    public MajorityJudgmentTally(CampaignYear year, CampaignRules rules, Instant votingClosedAt, Iterable<ProjectFacts> projects) {
        this.year = year;
        this.rules = Objects.requireNonNull(rules);
        this.votingClosedAt = votingClosedAt;
        for (ProjectFacts p : projects) {
            if (p.onTheBallot() && !indexOf.containsKey(p.id().value())) {
                indexOf.put(p.id().value(), onBallot.size());
                onBallot.add(p);
            }
        }
        scopeOf = new int[onBallot.size()];
        for (int i = 0; i < scopeOf.length; i++) {
            scopeOf[i] = scopeIndex(onBallot.get(i).scope());
        }
        graded = new long[onBallot.size() * Grades.COUNT];
    }

    private static int scopeIndex(Scope scope) {
        return scope.isParisWide() ? 0 : Integer.parseInt(scope.value());
    }

    /** A paper ballot of a confirmed batch, in the order entered (see {@link BudgetTally#paper}). */
    @Override
    public void paper(PaperBallotEntered ballot) {
        if (paperClosed) {
            throw new IllegalStateException("paper ballots come before online ballots");
        }
        String voter = ballot.voter().value();
        if (firstPaperByVoter.containsKey(voter)) {
            paperSetAside++;
            return;
        }
        firstPaperByVoter.put(voter, compact(ballot.arrondissement(), ballot.grades()));
    }

    /** A voter's last online ballot cast before voting closed (see {@link BudgetTally#lastInTime}). */
    @Override
    public void online(BallotCast ballot) {
        paperClosed = true;
        if (votingClosedAt != null && ballot.castAt().isAfter(votingClosedAt)) {
            return;
        }
        if (firstPaperByVoter.remove(ballot.voter().value()) != null) {
            paperSetAside++;
        }
        online++;
        count(compact(ballot.arrondissement(), ballot.grades()));
    }

    /** The arrondissement judged (0: none) and the grades above 0 of projects of the scopes judged. */
    private int[] compact(Integer arrondissement, Map<String, Integer> grades) {
        int arr = arrondissement == null || arrondissement < 1 || arrondissement > 20 ? 0 : arrondissement;
        int[] out = new int[1 + (grades == null ? 0 : grades.size())];
        out[0] = arr;
        int n = 1;
        if (grades != null) {
            for (Map.Entry<String, Integer> g : grades.entrySet()) {
                Integer grade = g.getValue();
                if (grade == null || grade < Grades.LOWEST || grade > Grades.HIGHEST) {
                    throw new IllegalArgumentException("grade " + grade + " of project " + g.getKey() + ": grades are 0 to 3");
                }
                Integer index = indexOf.get(g.getKey());
                if (grade > 0 && index != null && (scopeOf[index] == 0 || scopeOf[index] == arr)) {
                    out[n++] = index << 2 | grade;
                }
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private void count(int[] ballot) {
        int arr = ballot[0];
        judges[0]++;
        if (arr != 0) {
            judges[arr]++;
        }
        byArrondissement[arr]++;
        for (int i = 1; i < ballot.length; i++) {
            graded[(ballot[i] >>> 2) * Grades.COUNT + (ballot[i] & 3)]++;
        }
    }

    public MajorityJudgmentResults finish() {
        paperClosed = true;
        for (int[] p : firstPaperByVoter.values()) {
            count(p);
        }
        long paper = firstPaperByVoter.size();
        firstPaperByVoter.clear();
        Map<String, Long> channels = new LinkedHashMap<>();
        channels.put("ONLINE", online);
        channels.put("PAPER", paper);
        Map<String, Long> arrondissements = new LinkedHashMap<>();
        for (int i = 1; i <= 20; i++) {
            arrondissements.put(Integer.toString(i), byArrondissement[i]);
        }
        arrondissements.put(NO_ARRONDISSEMENT, byArrondissement[0]);
        Map<String, MajorityJudgmentResults.ScopeResult> scopes = new LinkedHashMap<>();
        rules.envelopes().forEach((scope, envelope) -> scopes.put(scope.value(), rank(scopeIndex(scope), envelope)));
        return new MajorityJudgmentResults(year, BallotMethod.MAJORITY_JUDGMENT, online + paper, paperSetAside, channels,
                arrondissements, scopes);
    }

    /** A project's merit with n judges: its profile, majority grade and the judges above and below it (null grade: no judge). */
    record Merit(ProjectFacts project, long[] profile, long judges, Integer majorityGrade, long above, long below) {

        static Merit of(ProjectFacts project, long[] profile) {
            long n = 0;
            for (long c : profile) {
                n += c;
            }
            if (n == 0) {
                return new Merit(project, profile, 0, null, 0, 0);
            }
            long position = (n - 1) / 2;
            long seen = 0;
            int grade = 0;
            for (int g = 0; g < profile.length; g++) {
                seen += profile[g];
                if (seen > position) {
                    grade = g;
                    break;
                }
            }
            long below = 0;
            long above = 0;
            for (int g = 0; g < profile.length; g++) {
                if (g < grade) {
                    below += profile[g];
                } else if (g > grade) {
                    above += profile[g];
                }
            }
            return new Merit(project, profile, n, grade, above, below);
        }

        /** p > q: more judges above the majority grade than below it. */
        boolean pAboveQ() {
            return above > below;
        }
    }

    /** The ranking of domain.md, best first; p and q compared as fractions (above/judges, below/judges) of integers. */
    static final Comparator<Merit> RANKING = (a, b) -> {
        if (a.majorityGrade() != null && b.majorityGrade() != null) {
            int byGrade = Integer.compare(b.majorityGrade(), a.majorityGrade());
            if (byGrade != 0) {
                return byGrade;
            }
            if (a.pAboveQ() != b.pAboveQ()) {
                return a.pAboveQ() ? -1 : 1;
            }
            int largerP = compareFractions(b.above(), b.judges(), a.above(), a.judges());
            int smallerQ = compareFractions(a.below(), a.judges(), b.below(), b.judges());
            int byPAndQ = a.pAboveQ() ? (largerP != 0 ? largerP : smallerQ) : (smallerQ != 0 ? smallerQ : largerP);
            if (byPAndQ != 0) {
                return byPAndQ;
            }
        } else if (a.majorityGrade() != null || b.majorityGrade() != null) {
            return a.majorityGrade() != null ? -1 : 1;
        }
        return Comparator.<Merit>comparingLong(m -> m.project().costCents())
                .thenComparing(m -> m.project().submittedAt())
                .thenComparing(m -> m.project().id().value())
                .compare(a, b);
    };

    /** x1/y1 against x2/y2, for y1, y2 > 0 (counts of judges: the products stay far below Long.MAX_VALUE). */
    private static int compareFractions(long x1, long y1, long x2, long y2) {
        return Long.compare(Math.multiplyExact(x1, y2), Math.multiplyExact(x2, y1));
    }

    private MajorityJudgmentResults.ScopeResult rank(int scope, long envelope) {
        long n = judges[scope];
        List<Merit> ranked = new ArrayList<>();
        for (int i = 0; i < onBallot.size(); i++) {
            if (scopeOf[i] == scope) {
                long[] profile = new long[Grades.COUNT];
                long positive = 0;
                for (int g = 1; g < Grades.COUNT; g++) {
                    profile[g] = graded[i * Grades.COUNT + g];
                    positive += profile[g];
                }
                profile[0] = n - positive;
                ranked.add(Merit.of(onBallot.get(i), profile));
            }
        }
        ranked.sort(RANKING);
        long left = envelope;
        List<MajorityJudgmentResults.ProjectResult> results = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Merit m = ranked.get(i);
            ProjectFacts p = m.project();
            boolean wins = n > 0 && p.costCents() <= left;
            if (wins) {
                left -= p.costCents();
            }
            boolean judged = m.majorityGrade() != null;
            results.add(new MajorityJudgmentResults.ProjectResult(p.id(), Arrays.stream(m.profile()).boxed().toList(),
                    m.majorityGrade(), judged ? m.above() : null, judged ? m.below() : null, i + 1, p.costCents(), wins));
        }
        return new MajorityJudgmentResults.ScopeResult(envelope, envelope - left, n, List.copyOf(results));
    }
}
