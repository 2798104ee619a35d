package fr.paris.ledger.budget;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import fr.paris.ledger.testing.MovableClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An online ballot in a campaign voted by majority judgment: grades 0 to 3, any number of them, every rule and refusal. */
class MajorityJudgmentBallotTest {
    private static final Instant NOW = Instant.parse("2026-10-01T10:00:00Z");
    private static final ParticipantId VOTER = new ParticipantId("r-v7t2m9q4x3w8z5k6b2n7c4hjd9");
    private static final BallotId BALLOT = new BallotId(new CampaignYear(2026), VOTER);
    private static final PostalCode P12 = new PostalCode("75012");
    private static final ProjectId PA = new ProjectId("bp2026-pa00000001");
    private static final ProjectId PB = new ProjectId("bp2026-pb00000002");
    private static final ProjectId PC = new ProjectId("bp2026-pc00000003");
    private static final ProjectId A12 = new ProjectId("bp2026-a120000001");
    private static final ProjectId A12_NOT_FEASIBLE = new ProjectId("bp2026-a120000002");
    private static final ProjectId A11 = new ProjectId("bp2026-a110000001");

    private FixtureConfiguration<Ballot> fixture;
    private final FakeBudgetDirectory budget = new FakeBudgetDirectory();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ballot.class);
        fixture.registerInjectableResource(new MovableClock(NOW));
        fixture.registerInjectableResource(budget);
        budget.majorityJudgmentCampaign(2026, Phase.VOTING);
        budget.project(new ProjectFacts(PA, new CampaignYear(2026), Scope.PARIS, Verdict.FEASIBLE, 10, NOW));
        budget.project(new ProjectFacts(PB, new CampaignYear(2026), Scope.PARIS, Verdict.FEASIBLE, 10, NOW));
        budget.project(new ProjectFacts(PC, new CampaignYear(2026), Scope.PARIS, Verdict.FEASIBLE, 10, NOW));
        budget.project(new ProjectFacts(A12, new CampaignYear(2026), Scope.arrondissement(12), Verdict.FEASIBLE, 10, NOW));
        budget.project(new ProjectFacts(A12_NOT_FEASIBLE, new CampaignYear(2026), Scope.arrondissement(12), Verdict.NOT_FEASIBLE, 10, NOW));
        budget.project(new ProjectFacts(A11, new CampaignYear(2026), Scope.arrondissement(11), Verdict.FEASIBLE, 10, NOW));
    }

    /** Grades in the order given: project, grade, project, grade... */
    private static Map<ProjectId, Integer> grades(Object... projectGrade) {
        Map<ProjectId, Integer> g = new HashMap<>();
        for (int i = 0; i < projectGrade.length; i += 2) {
            g.put((ProjectId) projectGrade[i], (Integer) projectGrade[i + 1]);
        }
        return g;
    }

    private static TreeMap<String, Integer> recorded(Object... projectGrade) {
        TreeMap<String, Integer> g = new TreeMap<>();
        grades(projectGrade).forEach((p, grade) -> g.put(p.value(), grade));
        return g;
    }

    private static CastBallot cast(Integer arrondissement, Map<ProjectId, Integer> grades) {
        return CastBallot.graded(BALLOT, P12, arrondissement, grades);
    }

    @Test
    void a_resident_grades_projects_of_paris_and_of_the_arrondissement_named_as_integers_in_project_order() {
        fixture.givenNoPriorActivity()
                .when(cast(12, grades(PC, 3, A12, 0, PA, 2)))
                .expectEvents(new BallotCast(new CampaignYear(2026), VOTER, List.of(), 12, List.of(), recorded(PA, 2, PC, 3, A12, 0), NOW));
    }

    @Test
    void a_ballot_grades_as_many_projects_as_it_likes_or_only_one_and_names_an_arrondissement_without_grading_it() {
        fixture.givenNoPriorActivity()
                .when(cast(11, grades(PB, 1)))
                .expectEvents(new BallotCast(new CampaignYear(2026), VOTER, List.of(), 11, List.of(), recorded(PB, 1), NOW));
        fixture.givenNoPriorActivity()
                .when(cast(null, grades(PA, 3, PB, 3, PC, 3)))
                .expectEvents(new BallotCast(new CampaignYear(2026), VOTER, List.of(), null, List.of(), recorded(PA, 3, PB, 3, PC, 3), NOW));
    }

    @Test
    void a_new_ballot_replaces_the_previous_one() {
        fixture.given(new BallotCast(new CampaignYear(2026), VOTER, List.of(), 12, List.of(), recorded(PA, 3), NOW))
                .when(cast(null, grades(PB, 2)))
                .expectEvents(new BallotCast(new CampaignYear(2026), VOTER, List.of(), null, List.of(), recorded(PB, 2), NOW));
    }

    @Test
    void refuses_a_grade_outside_zero_to_three() {
        for (int bad : new int[] {4, -1, Integer.MAX_VALUE}) {
            fixture.givenNoPriorActivity()
                    .when(cast(12, grades(PA, 2, A12, bad)))
                    .expectNoEvents()
                    .expectException(violation("budget.grade-invalid"));
        }
        fixture.givenNoPriorActivity()
                .when(cast(12, grades(PA, null)))
                .expectNoEvents()
                .expectException(violation("budget.grade-invalid"));
    }

    @Test
    void grading_an_arrondissement_project_needs_that_arrondissement_named() {
        fixture.givenNoPriorActivity()
                .when(cast(null, grades(PA, 2, A12, 3)))
                .expectNoEvents()
                .expectException(violation("budget.not-on-ballot"));
        fixture.givenNoPriorActivity()
                .when(cast(11, grades(A12, 3)))
                .expectNoEvents()
                .expectException(violation("budget.not-on-ballot"));
        fixture.givenNoPriorActivity()
                .when(cast(21, grades(PA, 3)))
                .expectNoEvents()
                .expectException(violation("budget.not-on-ballot"));
    }

    @Test
    void refuses_a_project_not_on_the_ballot() {
        fixture.givenNoPriorActivity()
                .when(cast(12, grades(A12_NOT_FEASIBLE, 1)))
                .expectNoEvents()
                .expectException(violation("budget.not-on-ballot"));
        fixture.givenNoPriorActivity()
                .when(cast(12, grades(new ProjectId("bp2025-pa00000001"), 1)))
                .expectNoEvents()
                .expectException(violation("budget.not-on-ballot"));
    }

    @Test
    void refuses_a_ballot_without_any_grade() {
        fixture.givenNoPriorActivity()
                .when(cast(12, Map.of()))
                .expectNoEvents()
                .expectException(violation("budget.empty-ballot"));
        fixture.givenNoPriorActivity()
                .when(cast(12, null))
                .expectNoEvents()
                .expectException(violation("budget.empty-ballot"));
    }

    @Test
    void the_ballot_of_one_method_is_refused_in_a_campaign_of_the_other() {
        fixture.givenNoPriorActivity()
                .when(new CastBallot(BALLOT, P12, List.of(PA), null, List.of()))
                .expectNoEvents()
                .expectException(violation("budget.wrong-ballot-method"));
        fixture.givenNoPriorActivity()
                .when(new CastBallot(BALLOT, P12, List.of(), 12, List.of(A12), grades(PA, 1)))
                .expectNoEvents()
                .expectException(violation("budget.wrong-ballot-method"));
        budget.campaign(2026, Phase.VOTING, Set.of());
        fixture.givenNoPriorActivity()
                .when(cast(null, grades(PA, 1)))
                .expectNoEvents()
                .expectException(violation("budget.wrong-ballot-method"));
    }

    @Test
    void refuses_a_voter_outside_paris_and_a_ballot_outside_voting() {
        fixture.givenNoPriorActivity()
                .when(CastBallot.graded(BALLOT, new PostalCode("94300"), null, grades(PA, 1)))
                .expectNoEvents()
                .expectException(violation("budget.not-resident"));
        budget.majorityJudgmentCampaign(2026, Phase.RESULTS);
        fixture.givenNoPriorActivity()
                .when(cast(null, grades(PA, 1)))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase"));
    }

    @Test
    void a_graded_ballot_is_withdrawn_as_an_approval_one() {
        fixture.given(new BallotCast(new CampaignYear(2026), VOTER, List.of(), 12, List.of(), recorded(PA, 3), NOW))
                .when(new WithdrawBallot(BALLOT))
                .expectEvents(new BallotWithdrawn(new CampaignYear(2026), VOTER, NOW));
    }
}
