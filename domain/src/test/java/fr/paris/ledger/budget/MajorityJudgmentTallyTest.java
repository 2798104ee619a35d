package fr.paris.ledger.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The majority-judgment tally on hand-computed profiles: the worked example of domain.md, the lower median with odd
 * and even numbers of judges, every branch of the ranking, a scope without judges, ungraded projects, and one ballot
 * per voter (replaced ballots, paper and online ballots of one voter).
 */
class MajorityJudgmentTallyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant CLOSE = Instant.parse("2026-10-15T00:00:00Z");
    private static final ParticipantId AGENT = new ParticipantId("s-g4t7k2m9q3x6w8z5v2b7n4c9hd");
    private static final AtomicInteger VOTERS = new AtomicInteger();
    /** Left ungraded in a column of grades. */
    private static final int UNGRADED = -1;

    /** Paris-wide envelope {@code paris}; the 11th's 1,000; the others 500. */
    private static CampaignRules rules(long paris) {
        TreeMap<Integer, Long> envelopes = new TreeMap<>();
        for (int i = 1; i <= 20; i++) {
            envelopes.put(i, i == 11 ? 1_000L : 500L);
        }
        return new CampaignRules(paris, envelopes, 4, 4, BallotMethod.MAJORITY_JUDGMENT);
    }

    private static ProjectFacts project(String id, Scope scope, long cost, int submittedSecond) {
        return new ProjectFacts(new ProjectId("bp2026-" + id), new CampaignYear(2026), scope, Verdict.FEASIBLE, cost, T0.plusSeconds(submittedSecond));
    }

    private static TreeMap<String, Integer> grades(Object... projectGrade) {
        TreeMap<String, Integer> g = new TreeMap<>();
        for (int i = 0; i < projectGrade.length; i += 2) {
            g.put(((ProjectFacts) projectGrade[i]).id().value(), (Integer) projectGrade[i + 1]);
        }
        return g;
    }

    private static BallotCast online(String voter, Integer arrondissement, java.util.SortedMap<String, Integer> grades, Instant at) {
        return new BallotCast(new CampaignYear(2026), new ParticipantId("r-" + voter), List.of(), arrondissement, List.of(), grades, at);
    }

    private static PaperBallotEntered paper(String number, String voter, Integer arrondissement, java.util.SortedMap<String, Integer> grades) {
        return new PaperBallotEntered(new CampaignYear(2026), "b1", new BallotNumber(number), new ParticipantId("r-" + voter), List.of(), arrondissement, List.of(),
                grades, AGENT, T0.plusSeconds(100));
    }

    /**
     * One online ballot per column: ballot j grades each project with its j-th grade ({@link #UNGRADED}: left out),
     * naming {@code arrondissement}.
     */
    private static List<BallotCast> judges(Integer arrondissement, Map<ProjectFacts, int[]> columns) {
        int n = columns.values().iterator().next().length;
        List<BallotCast> ballots = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            TreeMap<String, Integer> g = new TreeMap<>();
            for (Map.Entry<ProjectFacts, int[]> c : columns.entrySet()) {
                if (c.getValue()[j] != UNGRADED) {
                    g.put(c.getKey().id().value(), c.getValue()[j]);
                }
            }
            ballots.add(online("judge-" + VOTERS.incrementAndGet(), arrondissement, g, T0.plusSeconds(200 + j)));
        }
        return ballots;
    }

    private static Map<ProjectFacts, int[]> columns(Object... projectGrades) {
        Map<ProjectFacts, int[]> m = new LinkedHashMap<>();
        for (int i = 0; i < projectGrades.length; i += 2) {
            m.put((ProjectFacts) projectGrades[i], (int[]) projectGrades[i + 1]);
        }
        return m;
    }

    private static MajorityJudgmentResults tally(long parisEnvelope, List<ProjectFacts> projects, List<BallotCast> online) {
        MajorityJudgmentTally t = new MajorityJudgmentTally(new CampaignYear(2026), rules(parisEnvelope), CLOSE, projects);
        online.forEach(t::online);
        return t.finish();
    }

    /** The Paris-wide ranking, as {@code id profile majorityGrade above below}. */
    private static List<String> paris(MajorityJudgmentResults r) {
        return lines(r.scopes().get("PARIS"));
    }

    private static List<String> lines(MajorityJudgmentResults.ScopeResult scope) {
        return scope.projects().stream().map(p -> p.projectId().value().substring(7) + " " + p.profile() + " "
                + p.majorityGrade() + " " + p.above() + " " + p.below()).toList();
    }

    private static List<String> order(MajorityJudgmentResults r) {
        return r.scopes().get("PARIS").projects().stream().map(p -> p.projectId().value().substring(7)).toList();
    }

    // ---- the worked example and the median

    @Test
    void the_worked_example_of_the_rules_ranks_c_then_b_then_a() {
        ProjectFacts a = project("aaaaaaaaaa", Scope.PARIS, 100, 1);
        ProjectFacts b = project("bbbbbbbbbb", Scope.PARIS, 200, 2);
        ProjectFacts c = project("cccccccccc", Scope.PARIS, 300, 3);
        MajorityJudgmentResults r = tally(1_000, List.of(a, b, c), judges(null, columns(
                a, new int[] {0, 1, 2, 3}, b, new int[] {1, 1, 3, 3}, c, new int[] {0, 2, 2, 2})));
        // A: majority 1, p 2/4, q 1/4; B: majority 1, p 2/4, q 0; C: majority 2, p 0, q 1/4
        assertThat(paris(r)).containsExactly("cccccccccc [1, 0, 3, 0] 2 0 1", "bbbbbbbbbb [0, 2, 0, 2] 1 2 0",
                "aaaaaaaaaa [1, 1, 1, 1] 1 2 1");
        assertThat(r.scopes().get("PARIS").judges()).isEqualTo(4);
        assertThat(r.scopes().get("PARIS").projects()).extracting(MajorityJudgmentResults.ProjectResult::rank).containsExactly(1, 2, 3);
        assertThat(r.method()).isEqualTo(BallotMethod.MAJORITY_JUDGMENT);
        assertThat(r.ballots()).isEqualTo(4);
    }

    @Test
    void the_majority_grade_is_the_lower_median_with_odd_and_even_numbers_of_judges() {
        ProjectFacts p = project("pppppppppp", Scope.PARIS, 1, 1);
        // {profile n0..n3} -> majority grade, above, below
        Object[][] cases = {
            {new long[] {0, 0, 1, 0}, 2, 0L, 0L},   // 1 judge: 2
            {new long[] {1, 0, 0, 1}, 0, 1L, 0L},   // 2 judges, 0 and 3: the lower of the two middle grades
            {new long[] {1, 0, 1, 1}, 2, 1L, 1L},   // 3 judges: 0 2 3
            {new long[] {0, 2, 2, 0}, 1, 2L, 0L},   // 4 judges: 1 1 2 2
            {new long[] {2, 0, 0, 3}, 3, 0L, 2L},   // 5 judges: 0 0 3 3 3
            {new long[] {3, 0, 0, 3}, 0, 3L, 0L},   // 6 judges: 0 0 0 3 3 3
            {new long[] {0, 3, 1, 3}, 2, 3L, 3L},   // 7 judges: 1 1 1 2 3 3 3
        };
        for (Object[] c : cases) {
            MajorityJudgmentTally.Merit m = MajorityJudgmentTally.Merit.of(p, (long[]) c[0]);
            assertThat(new Object[] {m.majorityGrade(), m.above(), m.below()}).as(java.util.Arrays.toString((long[]) c[0]))
                    .containsExactly(c[1], c[2], c[3]);
        }
        assertThat(MajorityJudgmentTally.Merit.of(p, new long[4]).majorityGrade()).isNull();
    }

    @Test
    void five_judges_and_a_higher_majority_grade_first() {
        ProjectFacts x = project("xxxxxxxxxx", Scope.PARIS, 900, 9);
        ProjectFacts y = project("yyyyyyyyyy", Scope.PARIS, 100, 1);
        MajorityJudgmentResults r = tally(1_000, List.of(x, y), judges(null, columns(
                x, new int[] {0, 0, 3, 3, 3}, y, new int[] {2, 2, 2, 2, 2})));
        assertThat(paris(r)).containsExactly("xxxxxxxxxx [2, 0, 0, 3] 3 0 2", "yyyyyyyyyy [0, 0, 5, 0] 2 0 0");
    }

    // ---- the tie-break at equal majority grade: every branch

    @Test
    void a_project_with_p_above_q_ranks_before_one_with_p_not_above_q() {
        ProjectFacts x = project("xxxxxxxxxx", Scope.PARIS, 900, 9);
        ProjectFacts y = project("yyyyyyyyyy", Scope.PARIS, 100, 1);
        MajorityJudgmentResults r = tally(1_000, List.of(x, y), judges(null, columns(
                x, new int[] {1, 1, 2, 2}, y, new int[] {0, 1, 1, 3})));
        // X: majority 1, p 2/4 > q 0; Y: majority 1, p 1/4 = q 1/4 (cheaper and earlier, ranked after all the same)
        assertThat(paris(r)).containsExactly("xxxxxxxxxx [0, 2, 2, 0] 1 2 0", "yyyyyyyyyy [1, 2, 0, 1] 1 1 1");
    }

    @Test
    void of_two_with_p_above_q_the_larger_p_first_even_with_a_larger_q() {
        ProjectFacts x = project("xxxxxxxxxx", Scope.PARIS, 900, 9);
        ProjectFacts y = project("yyyyyyyyyy", Scope.PARIS, 100, 1);
        MajorityJudgmentResults r = tally(1_000, List.of(x, y), judges(null, columns(
                x, new int[] {0, 1, 2, 3}, y, new int[] {1, 1, 1, 2})));
        // X: p 2/4, q 1/4; Y: p 1/4, q 0
        assertThat(paris(r)).containsExactly("xxxxxxxxxx [1, 1, 1, 1] 1 2 1", "yyyyyyyyyy [0, 3, 1, 0] 1 1 0");
    }

    @Test
    void of_two_with_p_above_q_and_the_same_p_the_smaller_q_first() {
        ProjectFacts x = project("xxxxxxxxxx", Scope.PARIS, 100, 1);
        ProjectFacts y = project("yyyyyyyyyy", Scope.PARIS, 900, 9);
        MajorityJudgmentResults r = tally(1_000, List.of(x, y), judges(null, columns(
                x, new int[] {0, 2, 2, 3, 3}, y, new int[] {2, 2, 2, 3, 3})));
        // five judges: X majority 2, p 2/5, q 1/5; Y majority 2, p 2/5, q 0
        assertThat(paris(r)).containsExactly("yyyyyyyyyy [0, 0, 3, 2] 2 2 0", "xxxxxxxxxx [1, 0, 2, 2] 2 2 1");
    }

    @Test
    void of_two_with_p_not_above_q_the_smaller_q_first_even_with_a_smaller_p() {
        ProjectFacts x = project("xxxxxxxxxx", Scope.PARIS, 900, 9);
        ProjectFacts y = project("yyyyyyyyyy", Scope.PARIS, 100, 1);
        MajorityJudgmentResults r = tally(1_000, List.of(x, y), judges(null, columns(
                x, new int[] {0, 1, 1, 1, 2}, y, new int[] {0, 0, 1, 2, 3})));
        // X: majority 1, p 1/5, q 1/5; Y: majority 1, p 2/5, q 2/5
        assertThat(paris(r)).containsExactly("xxxxxxxxxx [1, 3, 1, 0] 1 1 1", "yyyyyyyyyy [2, 1, 1, 1] 1 2 2");
    }

    @Test
    void of_two_with_p_not_above_q_and_the_same_q_the_larger_p_first() {
        ProjectFacts x = project("xxxxxxxxxx", Scope.PARIS, 900, 9);
        ProjectFacts y = project("yyyyyyyyyy", Scope.PARIS, 100, 1);
        MajorityJudgmentResults r = tally(1_000, List.of(x, y), judges(null, columns(
                x, new int[] {0, 0, 1, 2, 3}, y, new int[] {0, 0, 1, 1, 3})));
        // X: majority 1, p 2/5, q 2/5; Y: majority 1, p 1/5, q 2/5
        assertThat(paris(r)).containsExactly("xxxxxxxxxx [2, 1, 1, 1] 1 2 2", "yyyyyyyyyy [2, 2, 0, 1] 1 1 2");
    }

    @Test
    void at_equal_merit_the_lower_cost_then_the_earlier_submission_then_the_project_id() {
        ProjectFacts dear = project("tje0000001", Scope.PARIS, 300, 1);
        ProjectFacts late = project("tje0000004", Scope.PARIS, 200, 3);
        ProjectFacts third = project("tje0000003", Scope.PARIS, 200, 2);
        ProjectFacts second = project("tje0000002", Scope.PARIS, 200, 2);
        int[] same = {2, 2, 3};
        MajorityJudgmentResults r = tally(10_000, List.of(dear, late, third, second), judges(null, columns(
                dear, same, late, same, third, same, second, same)));
        assertThat(order(r)).containsExactly("tje0000002", "tje0000003", "tje0000004", "tje0000001");
    }

    // ---- scopes, ungraded projects, the envelope

    @Test
    void a_scope_without_judges_has_no_majority_grade_no_p_no_q_and_no_winner() {
        ProjectFacts paris = project("pppppppppp", Scope.PARIS, 100, 1);
        ProjectFacts seventhDear = project("s700000002", Scope.arrondissement(7), 300, 2);
        ProjectFacts seventhCheap = project("s700000001", Scope.arrondissement(7), 100, 3);
        MajorityJudgmentResults r = tally(1_000, List.of(paris, seventhDear, seventhCheap), judges(11, columns(
                paris, new int[] {3, 2})));
        MajorityJudgmentResults.ScopeResult seventh = r.scopes().get("7");
        assertThat(seventh.judges()).isZero();
        assertThat(seventh.usedCents()).isZero();
        assertThat(lines(seventh)).containsExactly("s700000001 [0, 0, 0, 0] null null null",
                "s700000002 [0, 0, 0, 0] null null null");
        assertThat(seventh.projects()).noneMatch(MajorityJudgmentResults.ProjectResult::winner);
        assertThat(r.scopes().get("11").judges()).isEqualTo(2);
        assertThat(r.scopes().get("11").projects()).isEmpty();
        assertThat(r.scopes()).hasSize(21);
        assertThat(r.scopes().keySet()).startsWith("PARIS", "1", "2");
    }

    @Test
    void an_ungraded_project_is_a_zero_from_every_judge_of_its_scope_and_only_from_them() {
        ProjectFacts x = project("xxxxxxxxxx", Scope.PARIS, 100, 1);
        ProjectFacts y = project("yyyyyyyyyy", Scope.PARIS, 100, 2);
        ProjectFacts eleventh = project("a110000001", Scope.arrondissement(11), 100, 3);
        List<BallotCast> ballots = new ArrayList<>();
        ballots.add(online("u1", 11, grades(x, 3, y, 3, eleventh, 2), T0.plusSeconds(300)));
        ballots.add(online("u2", 11, grades(x, 3), T0.plusSeconds(301)));          // names the 11th, grades none of it: a 0
        ballots.add(online("u3", null, grades(x, 3), T0.plusSeconds(302)));        // does not judge the 11th
        ballots.add(online("u4", null, grades(eleventh, 3, x, 2), T0.plusSeconds(303)));  // cannot happen (refused); ignored
        MajorityJudgmentResults r = tally(1_000, List.of(x, y, eleventh), ballots);
        assertThat(paris(r)).containsExactly("xxxxxxxxxx [0, 0, 1, 3] 3 0 1", "yyyyyyyyyy [3, 0, 0, 1] 0 1 0");
        assertThat(lines(r.scopes().get("11"))).containsExactly("a110000001 [1, 0, 1, 0] 0 1 0");
        assertThat(r.ballotsByArrondissement()).containsEntry("11", 2L).containsEntry("none", 2L).containsEntry("7", 0L);
    }

    @Test
    void walking_down_the_ranking_a_project_that_does_not_fit_is_skipped() {
        ProjectFacts first = project("rrrrrrrrr1", Scope.PARIS, 600, 1);
        ProjectFacts second = project("rrrrrrrrr2", Scope.PARIS, 500, 2);
        ProjectFacts third = project("rrrrrrrrr3", Scope.PARIS, 300, 3);
        MajorityJudgmentResults r = tally(1_000, List.of(first, second, third), judges(null, columns(
                first, new int[] {3, 3, 3}, second, new int[] {2, 2, 2}, third, new int[] {1, 1, 1})));
        assertThat(r.scopes().get("PARIS").projects()).extracting(MajorityJudgmentResults.ProjectResult::winner)
                .containsExactly(true, false, true);
        assertThat(r.scopes().get("PARIS").usedCents()).isEqualTo(900);
    }

    // ---- one ballot per voter

    @Test
    void the_last_online_ballot_counts_it_stands_over_paper_and_a_paper_voter_counts_once() {
        ProjectFacts x = project("xxxxxxxxxx", Scope.PARIS, 100, 1);
        ProjectFacts y = project("yyyyyyyyyy", Scope.PARIS, 100, 2);
        MajorityJudgmentTally t = new MajorityJudgmentTally(new CampaignYear(2026), rules(1_000), CLOSE, List.of(x, y));
        t.paper(paper("1", "paul", null, grades(x, 1, y, 1)));   // counted: paul votes on paper only
        t.paper(paper("2", "olga", null, grades(x, 0, y, 0)));   // set aside: olga votes online
        t.paper(paper("3", "paul", null, grades(x, 3, y, 3)));   // set aside: paul's second paper ballot
        // ana replaced her ballot, then cast one after the close: her second one counts
        List<BallotCast> ana = List.of(online("ana", null, grades(x, 0), T0.plusSeconds(400)),
                online("ana", null, grades(x, 3, y, 2), T0.plusSeconds(500)), online("ana", null, grades(y, 0), CLOSE.plusMillis(1)));
        t.online(BudgetTally.lastInTime(ana, CLOSE));
        t.online(online("olga", null, grades(x, 3, y, 3), T0.plusSeconds(600)));
        t.online(online("late", null, grades(x, 0, y, 0), CLOSE.plusSeconds(1)));  // after the close: not counted
        MajorityJudgmentResults r = t.finish();
        assertThat(r.ballots()).isEqualTo(3);
        assertThat(r.paperBallotsSetAside()).isEqualTo(2);
        assertThat(r.ballotsByChannel()).containsExactly(Map.entry("ONLINE", 2L), Map.entry("PAPER", 1L));
        // X: paul 1, ana 3, olga 3; Y: paul 1, ana 2, olga 3
        assertThat(paris(r)).containsExactly("xxxxxxxxxx [0, 1, 0, 2] 3 0 1", "yyyyyyyyyy [0, 1, 1, 1] 2 1 1");
    }

    @Test
    void paper_ballots_come_first() {
        MajorityJudgmentTally t = new MajorityJudgmentTally(new CampaignYear(2026), rules(1_000), CLOSE, List.of());
        t.online(online("o", null, new TreeMap<>(), T0));
        assertThatThrownBy(() -> t.paper(paper("1", "p", null, new TreeMap<>()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_same_ballots_in_any_order_give_the_same_results_and_projects_off_the_ballot_are_not_listed() {
        ProjectFacts x = project("xxxxxxxxxx", Scope.PARIS, 400, 1);
        ProjectFacts y = project("yyyyyyyyyy", Scope.PARIS, 300, 2);
        ProjectFacts z = project("zzzzzzzzzz", Scope.arrondissement(11), 300, 3);
        ProjectFacts merged = new ProjectFacts(new ProjectId("bp2026-mmmmmmmmmm"), new CampaignYear(2026), Scope.PARIS, Verdict.MERGED, 1, T0);
        List<BallotCast> ballots = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            ballots.add(online("v" + i, i % 3 == 0 ? 11 : null, grades(x, random.nextInt(4), y, random.nextInt(4), z,
                    random.nextInt(4)).headMap(i % 3 == 0 ? "zzzz" : "bp2026-z"), T0.plusSeconds(i)));
        }
        MajorityJudgmentResults once = tally(1_000, List.of(x, y, z, merged), ballots);
        Collections.shuffle(ballots, random);
        assertThat(tally(1_000, List.of(merged, z, y, x), ballots)).isEqualTo(once);
        assertThat(order(once)).containsExactlyInAnyOrder("xxxxxxxxxx", "yyyyyyyyyy");
        assertThat(once.scopes().get("PARIS").projects()).allSatisfy(p -> assertThat(p.profile().stream().mapToLong(Long::longValue)
                .sum()).isEqualTo(200));
        assertThat(once.scopes().get("11").judges()).isEqualTo(67);
    }

    @Test
    void a_grade_outside_zero_to_three_in_an_event_stops_the_tally() {
        ProjectFacts x = project("xxxxxxxxxx", Scope.PARIS, 400, 1);
        MajorityJudgmentTally t = new MajorityJudgmentTally(new CampaignYear(2026), rules(1_000), CLOSE, List.of(x));
        assertThatThrownBy(() -> t.online(online("v", null, grades(x, 4), T0))).isInstanceOf(IllegalArgumentException.class);
    }
}
