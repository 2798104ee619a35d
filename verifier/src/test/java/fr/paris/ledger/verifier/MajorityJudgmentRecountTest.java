package fr.paris.ledger.verifier;

import static fr.paris.ledger.verifier.BudgetRecountTest.ADMIN;
import static fr.paris.ledger.verifier.BudgetRecountTest.AGENT;
import static fr.paris.ledger.verifier.BudgetRecountTest.CAMPAIGN;
import static fr.paris.ledger.verifier.BudgetRecountTest.CLOSE;
import static fr.paris.ledger.verifier.BudgetRecountTest.T0;
import static fr.paris.ledger.verifier.BudgetRecountTest.VOTING;
import static fr.paris.ledger.verifier.BudgetRecountTest.YEAR;
import static fr.paris.ledger.verifier.BudgetRecountTest.ballotOf;
import static fr.paris.ledger.verifier.BudgetRecountTest.batchOf;
import static fr.paris.ledger.verifier.BudgetRecountTest.confirmedBatch;
import static fr.paris.ledger.verifier.BudgetRecountTest.voter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BallotMethod;
import fr.paris.ledger.budget.BallotNumber;
import fr.paris.ledger.budget.BallotWithdrawn;
import fr.paris.ledger.budget.CampaignCreated;
import fr.paris.ledger.budget.CampaignPhaseChanged;
import fr.paris.ledger.budget.CampaignRules;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.MajorityJudgmentResults;
import fr.paris.ledger.budget.MajorityJudgmentResultsPublished;
import fr.paris.ledger.budget.MajorityJudgmentTally;
import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.budget.ProjectFacts;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.budget.ProjectStudied;
import fr.paris.ledger.budget.ProjectSubmitted;
import fr.paris.ledger.budget.Scope;
import fr.paris.ledger.budget.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recount} of a campaign voted by majority judgment, with the verifier's own count: the service's results (its
 * MajorityJudgmentTally, fed as its BudgetAudit feeds it) recount equal; a changed grade in one ballot, altered recorded
 * results, a withdrawn or late ballot counted, or a grade outside 0..3 are each a DIFF naming the first difference.
 */
class MajorityJudgmentRecountTest {
    static final ProjectId A = new ProjectId("bp2026-aaaaaaaaa1");
    static final ProjectId B = new ProjectId("bp2026-aaaaaaaaa2");
    static final ProjectId C = new ProjectId("bp2026-aaaaaaaaa3");
    static final ProjectId E = new ProjectId("bp2026-bbbbbbbbb1");
    static final ProjectId F = new ProjectId("bp2026-bbbbbbbbb2");
    static final ProjectId NOT_FEASIBLE = new ProjectId("bp2026-aaaaaaaaa4");
    /** id, scope, cost: Paris-wide envelope 500,000; the 11th's 100,000. */
    static final Object[][] PROJECTS = {{A, Scope.PARIS, 300_000L}, {B, Scope.PARIS, 200_000L}, {C, Scope.PARIS, 100_000L},
            {NOT_FEASIBLE, Scope.PARIS, 1L}, {E, Scope.arrondissement(11), 90_000L}, {F, Scope.arrondissement(11), 80_000L}};

    @TempDir
    Path dir;

    static CampaignRules rules() {
        TreeMap<Integer, Long> arr = new TreeMap<>();
        for (int i = 1; i <= 20; i++) {
            arr.put(i, 100_000L);
        }
        return new CampaignRules(500_000L, arr, 4, 4, BallotMethod.MAJORITY_JUDGMENT);
    }

    static ProjectSubmitted submitted(int i) {
        ProjectId id = (ProjectId) PROJECTS[i][0];
        return new ProjectSubmitted(id, new CampaignYear(YEAR), EventLog.citizen("budget-author:" + YEAR + ":" + id.value()), "Project " + i,
                "A project", (Scope) PROJECTS[i][1], (Long) PROJECTS[i][2], null, T0.plusSeconds(60L * i));
    }

    static ProjectStudied studied(int i) {
        ProjectId id = (ProjectId) PROJECTS[i][0];
        boolean feasible = !id.equals(NOT_FEASIBLE);
        return new ProjectStudied(id, feasible ? Verdict.FEASIBLE : Verdict.NOT_FEASIBLE, feasible ? (Long) PROJECTS[i][2] : null,
                feasible ? null : "no", null, AGENT, T0.plusSeconds(2 * 86_400));
    }

    /** The projects as the service's directory folds them, in submission order. */
    static List<ProjectFacts> projectFacts() {
        List<ProjectFacts> facts = new ArrayList<>();
        for (int i = 0; i < PROJECTS.length; i++) {
            facts.add(ProjectFacts.apply(ProjectFacts.apply(null, submitted(i)), studied(i)));
        }
        return facts;
    }

    /** The projects as the verifier folds them from their events, in submission order. */
    static List<BudgetRecount.Project> projects() {
        List<BudgetRecount.Project> projects = new ArrayList<>();
        for (int i = 0; i < PROJECTS.length; i++) {
            projects.add(BudgetRecount.Project.apply(BudgetRecount.Project.apply(null, submitted(i)), studied(i)));
        }
        return projects;
    }

    static TreeMap<String, Integer> grades(Object... projectGrade) {
        TreeMap<String, Integer> g = new TreeMap<>();
        for (int i = 0; i < projectGrade.length; i += 2) {
            g.put(((ProjectId) projectGrade[i]).value(), (Integer) projectGrade[i + 1]);
        }
        return g;
    }

    static BallotCast online(String name, Integer arrondissement, TreeMap<String, Integer> grades, Instant at) {
        return new BallotCast(new CampaignYear(YEAR), voter(name), List.of(), arrondissement, List.of(), grades, at);
    }

    static PaperBallotEntered paper(String batchId, String number, String name, Integer arrondissement,
                                    TreeMap<String, Integer> grades) {
        return new PaperBallotEntered(new CampaignYear(YEAR), batchId, new BallotNumber(number), voter(name), List.of(), arrondissement, List.of(), grades, AGENT,
                VOTING.plusSeconds(100));
    }

    /** The campaign up to its vote, voted by majority judgment. */
    static EventLog voting() {
        EventLog log = new EventLog();
        log.add(CAMPAIGN, new CampaignCreated(new CampaignYear(YEAR), rules(), ADMIN, T0));
        log.add(CAMPAIGN, new CampaignPhaseChanged(new CampaignYear(YEAR), Phase.PROPOSALS, Phase.FEASIBILITY, ADMIN, T0.plusSeconds(86_400)));
        for (int i = 0; i < PROJECTS.length; i++) {
            log.add(((ProjectId) PROJECTS[i][0]).toString(), submitted(i));
        }
        for (int i = 0; i < PROJECTS.length; i++) {
            log.add(((ProjectId) PROJECTS[i][0]).toString(), studied(i));
        }
        log.add(CAMPAIGN, new CampaignPhaseChanged(new CampaignYear(YEAR), Phase.FEASIBILITY, Phase.VOTING, ADMIN, T0.plusSeconds(3 * 86_400)));
        return log;
    }

    /** The results as the service computes them: its own tally, fed the paper ballots, then each voter's counted ballot. */
    static MajorityJudgmentResults serviceTally(List<PaperBallotEntered> paper, List<BallotCast> online) {
        MajorityJudgmentTally tally = new MajorityJudgmentTally(new CampaignYear(YEAR), rules(), CLOSE, projectFacts());
        paper.forEach(tally::paper);
        online.forEach(tally::online);
        return tally.finish();
    }

    /**
     * The Paris-wide scope is the worked example of domain.md over four judges: v1, v2 (who replaced a first ballot),
     * v3 (who also voted on paper: set aside) and p4 (on paper only, twice: the first counts). Also w, who withdrew,
     * and late, cast after the close: neither counts. {@code recorded} gets the events' counted ballots and returns the
     * results the results event records (its JSON changed by {@code edit}); {@code tamper} may change the log's lines.
     */
    static EventLog campaign(ResultsOf recorded, UnaryOperator<ObjectNode> edit, Consumer<EventLog> tamper) {
        EventLog log = voting();
        Instant v = VOTING;
        BallotCast v1 = online("v1", 11, grades(A, 0, B, 1, E, 3, F, 1), v);             // leaves C ungraded: a 0
        BallotCast v2first = online("v2", 11, grades(A, 3, B, 3, C, 3, E, 0), v.plusSeconds(1));
        BallotCast v2 = online("v2", 11, grades(A, 1, B, 1, C, 2, E, 2), v.plusSeconds(2));
        BallotCast v3 = online("v3", null, grades(A, 2, B, 3, C, 2), v.plusSeconds(3));
        BallotCast w = online("w", null, grades(A, 3, B, 3, C, 3), v.plusSeconds(4));
        for (BallotCast b : List.of(v1, v2first, v2, v3, w)) {
            log.add(ballotOf(name(b)), b);
        }
        log.add(ballotOf("w"), new BallotWithdrawn(new CampaignYear(YEAR), voter("w"), v.plusSeconds(5)));
        PaperBallotEntered p4 = paper("b1", "P-1", "p4", 11, grades(A, 3, B, 3, C, 2, E, 1));
        PaperBallotEntered ofV3 = paper("b1", "P-2", "v3", 11, grades(A, 0, B, 0, C, 0, E, 0));
        PaperBallotEntered p4again = paper("b2", "P-3", "p4", null, grades(A, 0));
        confirmedBatch(log, "b1", p4, ofV3);
        confirmedBatch(log, "b2", p4again);
        BudgetRecountTest.close(log);
        BallotCast late = online("late", null, grades(A, 0, B, 0, C, 3), CLOSE.plusMillis(3));
        log.add(ballotOf("late"), late);
        tamper.accept(log);
        MajorityJudgmentResults results = recorded.of(List.of(p4, ofV3, p4again), List.of(v1, v2, v3), w, late);
        log.add(CAMPAIGN, new MajorityJudgmentResultsPublished(new CampaignYear(YEAR), results, CLOSE.plusSeconds(2)), log.nextGlobal(), edit);
        return log;
    }

    private static String name(BallotCast b) {
        for (String n : List.of("v1", "v2", "v3", "w", "late")) {
            if (voter(n).equals(b.voter())) {
                return n;
            }
        }
        throw new IllegalArgumentException();
    }

    interface ResultsOf {
        MajorityJudgmentResults of(List<PaperBallotEntered> paper, List<BallotCast> counted, BallotCast withdrawn, BallotCast late);
    }

    static final ResultsOf SERVICE = (paper, counted, withdrawn, late) -> serviceTally(paper, counted);

    EventLog.Result recount(EventLog log) throws Exception {
        return log.recount(dir);
    }

    @Test
    void the_services_results_recount_equal_with_the_verifiers_own_count() throws Exception {
        EventLog log = campaign(SERVICE, UnaryOperator.identity(), l -> { });
        EventLog.Result r = recount(log);
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("OK   budget 2026 (majority judgment): recorded 4 ballots, recounted 4, results equal; "
                + "left out: 1 BallotWithdrawn, 0 PaperBallotSetAside; paper batches: 2 confirmed, 0 abandoned, 0 open")
                .contains("OK: 0 decided petitions, 1 budget campaigns, 0 draws, 0 councils' seats recounted");
        // the worked example: C, B, A
        MajorityJudgmentResults recorded = BudgetRecountTest.readResultsOf(log.lines.get(log.lines.size() - 1),
                MajorityJudgmentResultsPublished.class).results();
        assertThat(recorded.scopes().get("PARIS").projects()).extracting(p -> p.projectId().value())
                .containsExactly(C.value(), B.value(), A.value());
        assertThat(recorded.paperBallotsSetAside()).isEqualTo(2);
    }

    @Test
    void the_verifiers_count_is_the_worked_example_of_the_rules() {
        MajorityJudgmentRecount count = new MajorityJudgmentRecount(YEAR, rules(), projects());
        count.online(null, grades(A, 0, B, 1, C, 0), "1");
        count.online(null, grades(A, 1, B, 1, C, 2), "2");
        count.online(null, grades(A, 2, B, 3, C, 2), "3");
        count.paper(null, grades(A, 3, B, 3, C, 2), "4");
        MajorityJudgmentResults.ScopeResult paris = count.results().scopes().get("PARIS");
        assertThat(paris.projects()).extracting(p -> p.projectId().value().substring(7) + " " + p.profile() + " "
                + p.majorityGrade() + " " + p.above() + " " + p.below() + " " + p.winner())
                .containsExactly("aaaaaaaaa3 [1, 0, 3, 0] 2 0 1 true", "aaaaaaaaa2 [0, 2, 0, 2] 1 2 0 true",
                        "aaaaaaaaa1 [1, 1, 1, 1] 1 2 1 false");
        assertThat(paris.usedCents()).isEqualTo(300_000);
        // nobody named the 11th: no majority grade, no winner
        assertThat(count.results().scopes().get("11").projects()).allSatisfy(p -> {
            assertThat(p.majorityGrade()).isNull();
            assertThat(p.winner()).isFalse();
        });
    }

    @Test
    void the_majority_grade_from_the_top_is_the_lower_median() {
        long[][] profiles = {{0, 0, 1, 0}, {1, 0, 0, 1}, {1, 0, 1, 1}, {0, 2, 2, 0}, {2, 0, 0, 3}, {3, 0, 0, 3}, {0, 3, 1, 3}};
        int[] expected = {2, 0, 2, 1, 3, 0, 2};
        for (int i = 0; i < profiles.length; i++) {
            assertThat(MajorityJudgmentRecount.majorityGrade(profiles[i])).as(java.util.Arrays.toString(profiles[i]))
                    .isEqualTo(expected[i]);
        }
    }

    @Test
    void a_changed_grade_in_one_ballot_is_caught_and_named() throws Exception {
        // v3's ballot is changed in the export after the results were recorded: C 2 becomes C 3
        EventLog log = campaign(SERVICE, UnaryOperator.identity(), l -> {
            for (int i = 0; i < l.lines.size(); i++) {
                String line = l.lines.get(i);
                if (line.contains(".BallotCast\"") && line.contains(voter("v3").value())) {
                    l.lines.set(i, line.replace("\"" + C.value() + "\":2", "\"" + C.value() + "\":3"));
                    return;
                }
            }
            throw new IllegalStateException("no ballot of v3");
        });
        EventLog.Result r = recount(log);
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("DIFF budget 2026 (majority judgment): recorded 4 ballots, recounted 4, results DIFFER "
                + "(first difference: scopes.PARIS.projects[0] bp2026-aaaaaaaaa3 profile: recorded [1, 0, 3, 0], recounted [1, 0, 2, 1])")
                .contains("1 differ");
    }

    @Test
    void altered_recorded_results_are_caught_and_named() throws Exception {
        EventLog log = campaign(SERVICE, p -> {
            ObjectNode first = (ObjectNode) p.path("results").path("scopes").path("PARIS").path("projects").get(0);
            first.put("majorityGrade", 3);
            return p;
        }, l -> { });
        EventLog.Result r = recount(log);
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("first difference: scopes.PARIS.projects[0] bp2026-aaaaaaaaa3 majorityGrade: recorded 3, recounted 2");
    }

    @Test
    void results_that_count_a_withdrawn_or_late_ballot_or_a_paper_ballot_of_an_online_voter_differ() throws Exception {
        EventLog.Result withdrawn = recount(campaign((paper, counted, w, late) -> serviceTally(paper,
                concat(counted, w)), UnaryOperator.identity(), l -> { }));
        assertThat(withdrawn.out()).contains("DIFF budget 2026 (majority judgment): recorded 5 ballots, recounted 4, results "
                + "DIFFER (first difference: ballots: recorded 5, recounted 4)");
        EventLog.Result late = recount(campaign((paper, counted, w, l) -> {
            MajorityJudgmentTally tally = new MajorityJudgmentTally(new CampaignYear(YEAR), rules(), null, projectFacts());
            paper.forEach(tally::paper);
            concat(counted, l).forEach(tally::online);
            return tally.finish();
        }, UnaryOperator.identity(), l -> { }));
        assertThat(late.out()).contains("first difference: ballots: recorded 5, recounted 4");
        // v3's paper ballot counted instead of their online one
        EventLog.Result paperStands = recount(campaign((paper, counted, w, l) -> serviceTally(paper, counted.subList(0, 2)),
                UnaryOperator.identity(), x -> { }));
        assertThat(paperStands.out()).contains("DIFF budget 2026 (majority judgment): recorded 4 ballots, recounted 4, results "
                + "DIFFER (first difference: paperBallotsSetAside: recorded 1, recounted 2)");
    }

    @Test
    void a_grade_outside_zero_to_three_in_an_event_is_a_broken_rule() throws Exception {
        EventLog log = campaign(SERVICE, UnaryOperator.identity(), l -> l.add(ballotOf("x"),
                online("x", null, grades(A, 2), VOTING.plusSeconds(9)), l.nextGlobal(), p -> {
                    ((ObjectNode) p.path("grades")).put(A.value(), 7);
                    return p;
                }));
        EventLog.Result r = recount(log);
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("grades bp2026-aaaaaaaaa1 7, outside 0..3 (not counted)");
    }

    private static List<BallotCast> concat(List<BallotCast> list, BallotCast more) {
        List<BallotCast> all = new ArrayList<>(list);
        if (more != null) {
            all.add(more);
        }
        return all;
    }
}
