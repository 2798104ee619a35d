package fr.paris.ledger.verifier;

import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BallotWithdrawn;
import fr.paris.ledger.budget.BallotMethod;
import fr.paris.ledger.budget.BudgetResults;
import fr.paris.ledger.budget.CampaignCreated;
import fr.paris.ledger.budget.CampaignPhaseChanged;
import fr.paris.ledger.budget.CampaignRules;
import fr.paris.ledger.budget.CampaignResultsPublished;
import fr.paris.ledger.budget.MajorityJudgmentResults;
import fr.paris.ledger.budget.MajorityJudgmentResultsPublished;
import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.PaperBatchOpened;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.budget.ProjectStudied;
import fr.paris.ledger.budget.ProjectSubmitted;
import fr.paris.ledger.budget.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code recount}, budget campaigns: for each campaign with a CampaignResultsPublished event,
 * recomputes the results with the verifier's own {@link ApprovalRecount}, and compares them with the
 * recorded ones (record equality). The service's tally is not called: the rules are written again here
 * from the documents (api.md, "GET /budget/campaigns/{year}/results" and "Online and paper"; domain.md,
 * "Budget Participatif").
 *
 * <ul>
 * <li>rules and close of voting: the campaign's events ({@code budget-campaign:<year>}): CampaignCreated's
 * rules, the {@code changedAt} of the CampaignPhaseChanged out of VOTING, and the PaperBatchOpened events;</li>
 * <li>projects: each {@code budget-project:bp<year>-...} aggregate folded into a {@link Project} (the last
 * verdict stands; a feasible project's cost is its final cost, else its estimate), sorted by submission
 * time then id;</li>
 * <li>paper ballots ({@code budget-paper-batch:<year>:<batchId>}, see {@link PaperBatchRecount}): those
 * of the batches confirmed under the countersigning rules (the batch's opening, with its agent and
 * declared count, is a PaperBatchOpened of the campaign), never a voided or spoiled one nor one of a
 * batch abandoned or still open, in <em>global index</em> order, the order entered (the export
 * carries {@code globalIndex}; leaf order differs from it only for late commits), less those set aside
 * (PaperBallotSetAside, the voter's erasure while voting was open): a ballot set aside stays entered
 * but is not counted at all, neither as a ballot nor among {@code paperBallotsSetAside}, and the voter's
 * online ballot, if any, stands alone;</li>
 * <li>online ballots ({@code budget-ballot:<year>:<voter>}): each voter's last ballot cast no later than
 * the close, kept as they come in the second pass (one ballot kept per voter). A BallotWithdrawn drops
 * the ballots before it: only a ballot cast after the withdrawal counts;</li>
 * <li>one ballot per voter: the voter's online ballot if there is one, else their first paper ballot
 * that counts; their other paper ballots are set aside (counted in {@code paperBallotsSetAside}).</li>
 * </ul>
 *
 * Memory grows with projects, paper ballots and voters (one ballot each), not with ballots cast.
 *
 * <p>A campaign voted by majority judgment (its MajorityJudgmentResultsPublished) is recounted by the verifier's own
 * {@link MajorityJudgmentRecount} over a third pass: the second keeps, per voter, only
 * the leaf of the ballot that counts (the last cast no later than the close, after any withdrawal); the paper ballots
 * are then sorted out (one per voter, none of a voter whose online ballot counts) and the voters forgotten; the third
 * counts the grades of the online ballots at those leaves. Memory: one entry per voter during the second pass, then
 * one bit per leaf and four counters per project.
 */
final class BudgetRecount {
    static final String BUDGET = "fr.paris.ledger.budget.";
    static final String CAMPAIGN = "budget-campaign:";
    static final String PROJECT = "budget-project:bp";
    static final String BATCH = "budget-paper-batch:";
    static final String ONLINE = "budget-ballot:";

    /**
     * A project as its events leave it: its scope ({@code PARIS} or {@code "1"} to {@code "20"}), whether the verdict
     * that stands is FEASIBLE (only those are on the ballot), the cost that counts and its submission time.
     */
    record Project(ProjectId id, String scope, boolean feasible, long costCents, Instant submittedAt) {
        /** The project after {@code event}; a verdict before the submission is not a project. */
        static Project apply(Project p, Object event) {
            if (event instanceof ProjectSubmitted s) {
                return new Project(s.projectId(), s.scope().value(), false, s.estimatedCostCents(), s.submittedAt());
            }
            if (p != null && event instanceof ProjectStudied st) {
                boolean feasible = st.verdict() == Verdict.FEASIBLE;
                long cost = feasible && st.costCents() != null ? st.costCents() : p.costCents();
                return new Project(p.id(), p.scope(), feasible, cost, p.submittedAt());
            }
            return p;
        }
    }

    private static final class Voter {
        long lastSequence = -1;
        BallotCast counted;
        /** Majority judgment: the leaf of the ballot that counts, or -1. */
        long countedLeaf = -1;

        boolean votedOnline() {
            return counted != null || countedLeaf >= 0;
        }
    }

    private static final class Campaign {
        /** CampaignCreated's rules; null until it is read (the campaign's other events are then ignored). */
        CampaignRules rules;
        Instant votingClosedAt;
        /** The paper batches opened in the campaign, by batch id. */
        final Map<String, PaperBatchOpened> openings = new HashMap<>();
        CampaignResultsPublished published;
        final Map<String, Project> projects = new LinkedHashMap<>();
        final Map<String, Long> projectSequences = new HashMap<>();
        final PaperBatchRecount paper = new PaperBatchRecount();
        final Map<String, Voter> voters = new HashMap<>();
        long withdrawals;
        /** Majority judgment: the recorded results, then the verifier's own count and the rules it found broken. */
        MajorityJudgmentResultsPublished judged;
        MajorityJudgmentRecount count;
        final List<String> problems = new ArrayList<>();

        void apply(Object event) {
            if (event instanceof CampaignCreated created) {
                rules = created.rules();
                votingClosedAt = null;
                openings.clear();
            } else if (rules != null && event instanceof CampaignPhaseChanged changed && changed.from() == Phase.VOTING) {
                votingClosedAt = changed.changedAt();
            } else if (rules != null && event instanceof PaperBatchOpened opened) {
                openings.put(opened.batchId(), opened);
            }
        }

        /** Whether a ballot cast at {@code at} was cast no later than the close of voting (always, before the close). */
        boolean inTime(Instant at) {
            return votingClosedAt == null || !at.isAfter(votingClosedAt);
        }
    }

    private final Map<Integer, Campaign> campaigns = new TreeMap<>();
    /** The leaves of the online ballots that count in campaigns voted by majority judgment. */
    private final BitSet countedLeaves = new BitSet();

    /** First pass: campaigns (with their paper batches' openings), projects and paper batches. */
    void first(ExportEvents.Event e) throws IOException {
        String type = e.payloadType();
        if (!type.startsWith(BUDGET)) {
            return;
        }
        String agg = e.aggregateId();
        if (agg.startsWith(CAMPAIGN)) {
            Integer year = year(agg.substring(CAMPAIGN.length()));
            if (year == null) {
                return;
            }
            Object event = switch (type.substring(BUDGET.length())) {
                case "CampaignCreated" -> e.as(CampaignCreated.class);
                case "CampaignPhaseChanged" -> e.as(CampaignPhaseChanged.class);
                case "CampaignResultsPublished" -> e.as(CampaignResultsPublished.class);
                case "MajorityJudgmentResultsPublished" -> e.as(MajorityJudgmentResultsPublished.class);
                case "PaperBatchOpened" -> e.as(PaperBatchOpened.class);
                default -> null;
            };
            if (event != null) {
                Campaign c = campaign(year);
                c.apply(event);
                if (event instanceof CampaignResultsPublished published) {
                    c.published = published;
                } else if (event instanceof MajorityJudgmentResultsPublished judged) {
                    c.judged = judged;
                }
            }
        } else if (agg.startsWith(PROJECT) && agg.length() >= PROJECT.length() + 5) {
            Integer year = year(agg.substring(PROJECT.length(), PROJECT.length() + 4));
            Object event = switch (type.substring(BUDGET.length())) {
                case "ProjectSubmitted" -> e.as(ProjectSubmitted.class);
                case "ProjectStudied" -> e.as(ProjectStudied.class);
                default -> null;
            };
            if (year != null && event != null) {
                Campaign c = campaign(year);
                Long last = c.projectSequences.put(agg, e.sequenceNumber());
                if (last != null && e.sequenceNumber() <= last) {
                    throw outOfSequence(e, last);
                }
                c.projects.put(agg, Project.apply(c.projects.get(agg), event));
            }
        } else if (agg.startsWith(BATCH)) {
            String rest = agg.substring(BATCH.length());
            Integer year = yearBeforeColon(rest);
            if (year != null) {
                campaign(year).paper.accept(rest.substring(rest.indexOf(':') + 1), e);
            }
        }
    }

    /** Second pass: online ballots (and their withdrawals) of campaigns whose results were recorded, one kept per voter. */
    void second(ExportEvents.Event e) throws IOException {
        String agg = e.aggregateId();
        boolean cast = e.payloadType().equals(BUDGET + "BallotCast");
        if (!agg.startsWith(ONLINE) || !cast && !e.payloadType().equals(BUDGET + "BallotWithdrawn")) {
            return;
        }
        Integer year = yearBeforeColon(agg.substring(ONLINE.length()));
        Campaign c = year == null ? null : campaigns.get(year);
        if (c == null || c.published == null && c.judged == null || c.rules == null) {
            return;
        }
        Voter v = c.voters.computeIfAbsent(agg, k -> new Voter());
        if (e.sequenceNumber() <= v.lastSequence) {
            throw outOfSequence(e, v.lastSequence);
        }
        v.lastSequence = e.sequenceNumber();
        if (!cast) {
            e.as(BallotWithdrawn.class); // read all the same: an unreadable payload is named
            c.withdrawals++;
            v.counted = null; // withdrawn (while voting was open): only a later ballot counts
            v.countedLeaf = -1;
            return;
        }
        BallotCast b = e.as(BallotCast.class);
        // the last ballot cast no later than the close counts (majority judgment: keep its leaf, not the ballot)
        if (c.inTime(b.castAt())) {
            if (c.judged != null) {
                v.countedLeaf = e.leafIndex();
            } else {
                v.counted = b;
            }
        }
    }

    /** Whether a campaign voted by majority judgment has recorded results: the recount then needs a third pass. */
    boolean needsThirdPass() {
        return campaigns.values().stream().anyMatch(c -> c.judged != null && c.rules != null);
    }

    /**
     * Between the second and the third pass, for each campaign voted by majority judgment: the paper ballots that
     * count (one per voter, none of a voter whose online ballot counts), counted at once; the leaves of the online
     * ballots that count, kept; the voters forgotten.
     */
    void beforeThirdPass() throws IOException {
        for (Map.Entry<Integer, Campaign> entry : campaigns.entrySet()) {
            Campaign c = entry.getValue();
            if (c.judged == null || c.rules == null) {
                continue;
            }
            int year = entry.getKey();
            MajorityJudgmentRecount count = new MajorityJudgmentRecount(year, c.rules, projectsOf(c));
            c.count = count;
            onePerVoter(year, c, c.problems, p -> count.paper(p.arrondissement(), p.grades(),
                    "paper ballot " + p.ballotNumber().value() + " of batch " + p.batchId()), count::paperSetAside);
            for (Voter v : c.voters.values()) {
                if (v.countedLeaf > Integer.MAX_VALUE) {
                    throw new IOException("leaf " + v.countedLeaf + ": beyond what the recount indexes");
                }
                if (v.countedLeaf >= 0) {
                    countedLeaves.set((int) v.countedLeaf);
                }
            }
            c.voters.clear();
        }
    }

    /**
     * One ballot per voter, for the paper ballots (api.md, "Online and paper"): a voter whose online ballot counts has
     * every paper ballot set aside; otherwise their first paper ballot that counts, in the order entered, is theirs
     * and their later ones are set aside. Needs the second pass's online voters.
     */
    private static void onePerVoter(int year, Campaign c, List<String> problems, Consumer<PaperBallotEntered> counts,
                                    Runnable setAside) {
        Set<String> paperVoters = new HashSet<>();
        for (PaperBallotEntered p : c.paper.counted(c.openings, problems)) {
            Voter online = c.voters.get(ONLINE + year + ":" + p.voter().value());
            if (online != null && online.votedOnline() || !paperVoters.add(p.voter().value())) {
                setAside.run();
            } else {
                counts.accept(p);
            }
        }
    }

    /** Third pass: the grades of the online ballots that count. */
    void third(ExportEvents.Event e) throws IOException {
        if (e.leafIndex() > Integer.MAX_VALUE || !countedLeaves.get((int) e.leafIndex())) {
            return;
        }
        Campaign c = campaigns.get(yearBeforeColon(e.aggregateId().substring(ONLINE.length())));
        BallotCast b = e.as(BallotCast.class);
        c.count.online(b.arrondissement(), b.grades(), "leaf " + e.leafIndex());
    }

    private static List<Project> projectsOf(Campaign c) {
        List<Project> projects = new ArrayList<>();
        for (Project p : c.projects.values()) {
            if (p != null) {
                projects.add(p);
            }
        }
        projects.sort(Comparator.comparing(Project::submittedAt).thenComparing(p -> p.id().value()));
        return projects;
    }

    private static IOException outOfSequence(ExportEvents.Event e, long last) {
        return new IOException("leaf " + e.leafIndex() + ": aggregate " + e.aggregateId() + " has sequence number "
                + e.sequenceNumber() + " after " + last + " (an aggregate's events must be in sequence order)");
    }

    private Campaign campaign(int year) {
        return campaigns.computeIfAbsent(year, k -> new Campaign());
    }

    private static Integer year(String s) {
        if (!s.matches("\\d{4}")) {
            return null;
        }
        return Integer.parseInt(s);
    }

    private static Integer yearBeforeColon(String s) {
        int colon = s.indexOf(':');
        return colon < 0 ? null : year(s.substring(0, colon));
    }

    /** Prints one line per campaign with recorded results; returns {campaigns, differing}. */
    long[] report(PrintStream out) {
        long n = 0;
        long differ = 0;
        for (Map.Entry<Integer, Campaign> entry : campaigns.entrySet()) {
            Campaign c = entry.getValue();
            if (c.judged != null) {
                n++;
                differ += reportJudged(entry.getKey(), c, out) ? 0 : 1;
                continue;
            }
            if (c.published == null) {
                continue;
            }
            n++;
            int year = entry.getKey();
            BudgetResults recorded = c.published.results();
            String difference;
            BudgetResults recounted = null;
            List<String> problems = new ArrayList<>();
            if (c.rules == null) {
                difference = "no CampaignCreated event for budget-campaign:" + year;
            } else {
                ApprovalRecount count = new ApprovalRecount(year, c.rules, projectsOf(c));
                onePerVoter(year, c, problems, p -> count.paper(p.parisWide(), p.arrondissement(), p.arrondissementProjects()),
                        count::paperSetAside);
                for (Voter v : c.voters.values()) {
                    if (v.counted != null) {
                        count.online(v.counted.parisWide(), v.counted.arrondissement(), v.counted.arrondissementProjects());
                    }
                }
                recounted = count.results();
                difference = !recounted.equals(recorded) ? firstDifference(recorded, recounted)
                        : problems.isEmpty() ? null : "paper " + problems.get(0);
            }
            if (difference != null) {
                differ++;
            }
            out.println((difference == null ? "OK   " : "DIFF ") + "budget " + year + ": recorded " + recorded.ballots()
                    + " ballots, recounted " + (recounted == null ? "-" : Long.toString(recounted.ballots())) + ", results "
                    + (difference == null ? "equal" : "DIFFER (first difference: " + difference + ")")
                    + (c.withdrawals == 0 && c.paper.setAside() == 0 ? "" : "; left out: " + c.withdrawals
                    + " BallotWithdrawn, " + c.paper.setAside() + " PaperBallotSetAside")
                    + c.paper.summary() + (problems.isEmpty() ? "" : "; rules broken: " + String.join("; ", problems)));
        }
        return new long[] {n, differ};
    }

    /** One campaign voted by majority judgment: its line; whether it is OK. */
    private static boolean reportJudged(int year, Campaign c, PrintStream out) {
        MajorityJudgmentResults recorded = c.judged.results();
        MajorityJudgmentResults recounted = c.count == null ? null : c.count.results();
        List<String> problems = new ArrayList<>(c.problems);
        if (c.count != null) {
            problems.addAll(c.count.problems());
        }
        String difference = c.rules == null ? "no CampaignCreated event for budget-campaign:" + year
                : c.rules.ballotMethod() != BallotMethod.MAJORITY_JUDGMENT ? "majority-judgment results for a campaign voted by "
                        + c.rules.ballotMethod()
                : !recounted.equals(recorded) ? firstDifference(recorded, recounted)
                : problems.isEmpty() ? null : "rule broken: " + problems.get(0);
        out.println((difference == null ? "OK   " : "DIFF ") + "budget " + year + " (majority judgment): recorded "
                + recorded.ballots() + " ballots, recounted " + (recounted == null ? "-" : Long.toString(recounted.ballots()))
                + ", results " + (difference == null ? "equal" : "DIFFER (first difference: " + difference + ")")
                + (c.withdrawals == 0 && c.paper.setAside() == 0 ? "" : "; left out: " + c.withdrawals
                + " BallotWithdrawn, " + c.paper.setAside() + " PaperBallotSetAside")
                + c.paper.summary() + (problems.isEmpty() ? "" : "; rules broken: " + String.join("; ", problems)));
        return difference == null;
    }

    /** Names the first field where two majority-judgment results differ, e.g. {@code scopes.PARIS.projects[0] bp... profile: ...}. */
    static String firstDifference(MajorityJudgmentResults a, MajorityJudgmentResults b) {
        String[] names = {"year", "method", "ballots", "paperBallotsSetAside", "ballotsByChannel", "ballotsByArrondissement"};
        Object[] x = {a.year(), a.method(), a.ballots(), a.paperBallotsSetAside(), a.ballotsByChannel(), a.ballotsByArrondissement()};
        Object[] y = {b.year(), b.method(), b.ballots(), b.paperBallotsSetAside(), b.ballotsByChannel(), b.ballotsByArrondissement()};
        for (int i = 0; i < names.length; i++) {
            if (!Objects.equals(x[i], y[i])) {
                return x[i] instanceof Map<?, ?> m ? mapDifference(names[i], cast(m), cast((Map<?, ?>) y[i]))
                        : diff(names[i], x[i], y[i]);
            }
        }
        for (String scope : scopeNames(a.scopes(), b.scopes())) {
            MajorityJudgmentResults.ScopeResult s = a.scopes() == null ? null : a.scopes().get(scope);
            MajorityJudgmentResults.ScopeResult t = b.scopes() == null ? null : b.scopes().get(scope);
            String at = "scopes." + scope;
            if (s == null || t == null) {
                return diff(at, s, t);
            }
            if (s.envelopeCents() != t.envelopeCents()) {
                return diff(at + ".envelopeCents", s.envelopeCents(), t.envelopeCents());
            }
            if (s.judges() != t.judges()) {
                return diff(at + ".judges", s.judges(), t.judges());
            }
            List<MajorityJudgmentResults.ProjectResult> ps = s.projects() == null ? List.of() : s.projects();
            List<MajorityJudgmentResults.ProjectResult> pt = t.projects() == null ? List.of() : t.projects();
            for (int i = 0; i < Math.max(ps.size(), pt.size()); i++) {
                MajorityJudgmentResults.ProjectResult p = i < ps.size() ? ps.get(i) : null;
                MajorityJudgmentResults.ProjectResult q = i < pt.size() ? pt.get(i) : null;
                if (Objects.equals(p, q)) {
                    continue;
                }
                String pat = at + ".projects[" + i + "]";
                if (p == null || q == null || !Objects.equals(p.projectId(), q.projectId())) {
                    return diff(pat, p, q);
                }
                String id = pat + " " + p.projectId().value();
                if (!Objects.equals(p.profile(), q.profile())) {
                    return diff(id + " profile", p.profile(), q.profile());
                }
                if (!Objects.equals(p.majorityGrade(), q.majorityGrade())) {
                    return diff(id + " majorityGrade", p.majorityGrade(), q.majorityGrade());
                }
                return diff(pat, p, q);
            }
            if (s.usedCents() != t.usedCents()) {
                return diff(at + ".usedCents", s.usedCents(), t.usedCents());
            }
        }
        return "the results differ";
    }

    /** The scopes of either results, in name order. */
    private static TreeSet<String> scopeNames(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> scopes = new TreeSet<>(a == null ? Set.of() : a.keySet());
        if (b != null) {
            scopes.addAll(b.keySet());
        }
        return scopes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> cast(Map<?, ?> m) {
        return (Map<String, Long>) m;
    }

    /** Names the first field where two results differ, e.g. {@code scopes.PARIS.projects[0].votes: recorded 3, recounted 2}. */
    static String firstDifference(BudgetResults a, BudgetResults b) {
        if (!a.year().equals(b.year())) {
            return diff("year", a.year(), b.year());
        }
        if (a.ballots() != b.ballots()) {
            return diff("ballots", a.ballots(), b.ballots());
        }
        if (a.paperBallotsSetAside() != b.paperBallotsSetAside()) {
            return diff("paperBallotsSetAside", a.paperBallotsSetAside(), b.paperBallotsSetAside());
        }
        String d = mapDifference("ballotsByChannel", a.ballotsByChannel(), b.ballotsByChannel());
        if (d != null) {
            return d;
        }
        d = mapDifference("ballotsByArrondissement", a.ballotsByArrondissement(), b.ballotsByArrondissement());
        if (d != null) {
            return d;
        }
        for (String scope : scopeNames(a.scopes(), b.scopes())) {
            BudgetResults.ScopeResult x = a.scopes() == null ? null : a.scopes().get(scope);
            BudgetResults.ScopeResult y = b.scopes() == null ? null : b.scopes().get(scope);
            String at = "scopes." + scope;
            if (x == null || y == null) {
                return diff(at, x, y);
            }
            if (x.envelopeCents() != y.envelopeCents()) {
                return diff(at + ".envelopeCents", x.envelopeCents(), y.envelopeCents());
            }
            if (x.usedCents() != y.usedCents()) {
                return diff(at + ".usedCents", x.usedCents(), y.usedCents());
            }
            List<BudgetResults.ProjectResult> px = x.projects() == null ? List.of() : x.projects();
            List<BudgetResults.ProjectResult> py = y.projects() == null ? List.of() : y.projects();
            for (int i = 0; i < Math.max(px.size(), py.size()); i++) {
                BudgetResults.ProjectResult p = i < px.size() ? px.get(i) : null;
                BudgetResults.ProjectResult q = i < py.size() ? py.get(i) : null;
                if (!Objects.equals(p, q)) {
                    String pat = at + ".projects[" + i + "]";
                    if (p == null || q == null || !Objects.equals(p.projectId(), q.projectId())) {
                        return diff(pat, p, q);
                    }
                    if (p.votes() != q.votes()) {
                        return diff(pat + " " + p.projectId().value() + " votes", p.votes(), q.votes());
                    }
                    return diff(pat, p, q);
                }
            }
        }
        return "the results differ";
    }

    private static String mapDifference(String name, Map<String, Long> a, Map<String, Long> b) {
        if (Objects.equals(a, b)) {
            return null;
        }
        if (a == null || b == null) {
            return diff(name, a, b);
        }
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
            String k = it.next();
            if (!Objects.equals(a.get(k), b.get(k))) {
                return diff(name + "." + k, a.get(k), b.get(k));
            }
        }
        return diff(name, a, b);
    }

    private static String diff(String what, Object recorded, Object recounted) {
        return what + ": recorded " + recorded + ", recounted " + recounted;
    }
}
