package fr.paris.ledger.budget;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.testing.MovableClock;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BudgetProjectTest {
    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
    private static final ProjectId P = new ProjectId("bp2026-aaaaaaaaaa");
    private static final ProjectId OTHER = new ProjectId("bp2026-bbbbbbbbbb");
    private static final ParticipantId CHILD = new ParticipantId("r-c9h4m7q2x5w8z3k6v9b2n5t8jd");
    private static final ParticipantId AGENT = new ParticipantId("s-g4t7k2m9q3x6w8z5v2b7n4c9hd");
    private static final PostalCode P11 = new PostalCode("75011");
    private static final Scope S11 = Scope.arrondissement(11);

    private FixtureConfiguration<BudgetProject> fixture;
    private final FakeBudgetDirectory budget = new FakeBudgetDirectory();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BudgetProject.class);
        fixture.registerInjectableResource(new MovableClock(NOW));
        fixture.registerInjectableResource(budget);
        budget.campaign(2026, Phase.PROPOSALS, Set.of());
    }

    private static ProjectSubmitted submitted() {
        return new ProjectSubmitted(P, new CampaignYear(2026), CHILD, "A skate park", "Near the canal", S11, 300_000, "sport", NOW);
    }

    @Test
    void any_resident_of_any_age_submits_a_project_in_proposals_without_their_postal_code_recorded() {
        fixture.givenNoPriorActivity()
                .when(new SubmitProject(P, CHILD, P11, "A skate park", "Near the canal", S11, 300_000, "sport"))
                .expectEvents(submitted());
    }

    @Test
    void refuses_a_project_from_outside_paris() {
        fixture.givenNoPriorActivity()
                .when(new SubmitProject(P, CHILD, new PostalCode("91000"), "t", "d", S11, 300_000, null))
                .expectNoEvents()
                .expectException(violation("budget.not-resident"));
    }

    @Test
    void refuses_a_project_outside_the_proposals_phase() {
        budget.campaign(2026, Phase.FEASIBILITY, Set.of());
        fixture.givenNoPriorActivity()
                .when(new SubmitProject(P, CHILD, P11, "t", "d", S11, 300_000, null))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase"));
    }

    @Test
    void refuses_a_project_of_a_campaign_that_does_not_exist() {
        budget.campaigns.clear();
        fixture.givenNoPriorActivity()
                .when(new SubmitProject(P, CHILD, P11, "t", "d", S11, 300_000, null))
                .expectNoEvents()
                .expectException(violation("budget.campaign-not-found"));
    }

    @Test
    void an_agent_finds_a_project_feasible_with_its_final_cost() {
        budget.campaign(2026, Phase.FEASIBILITY, Set.of());
        fixture.given(submitted())
                .when(new StudyProject(P, Verdict.FEASIBLE, 280_000L, null, null, AGENT))
                .expectEvents(new ProjectStudied(P, Verdict.FEASIBLE, 280_000L, null, null, AGENT, NOW));
    }

    @Test
    void a_feasible_verdict_states_the_cost_and_an_unfeasible_one_its_reason() {
        budget.campaign(2026, Phase.FEASIBILITY, Set.of());
        fixture.given(submitted())
                .when(new StudyProject(P, Verdict.FEASIBLE, null, null, null, AGENT))
                .expectException(violation("budget.cost-required"));
        fixture.given(submitted())
                .when(new StudyProject(P, Verdict.NOT_FEASIBLE, null, " ", null, AGENT))
                .expectException(violation("budget.reason-required"));
    }

    @Test
    void a_project_is_merged_into_another_of_the_same_scope() {
        budget.campaign(2026, Phase.FEASIBILITY, Set.of());
        budget.project(new ProjectFacts(OTHER, new CampaignYear(2026), S11, null, 500_000, NOW));
        fixture.given(submitted())
                .when(new StudyProject(P, Verdict.MERGED, null, "same place", OTHER, AGENT))
                .expectEvents(new ProjectStudied(P, Verdict.MERGED, null, "same place", OTHER, AGENT, NOW));
    }

    @Test
    void refuses_a_merge_into_another_scope_or_into_itself() {
        budget.campaign(2026, Phase.FEASIBILITY, Set.of());
        budget.project(new ProjectFacts(OTHER, new CampaignYear(2026), Scope.PARIS, null, 500_000, NOW));
        fixture.given(submitted())
                .when(new StudyProject(P, Verdict.MERGED, null, null, OTHER, AGENT))
                .expectNoEvents()
                .expectException(violation("budget.invalid-merge"));
        budget.project(new ProjectFacts(P, new CampaignYear(2026), S11, null, 300_000, NOW));
        fixture.given(submitted())
                .when(new StudyProject(P, Verdict.MERGED, null, null, P, AGENT))
                .expectNoEvents()
                .expectException(violation("budget.invalid-merge"));
    }

    @Test
    void feasibility_is_studied_in_the_feasibility_phase_only() {
        budget.campaign(2026, Phase.VOTING, Set.of());
        fixture.given(submitted())
                .when(new StudyProject(P, Verdict.FEASIBLE, 1L, null, null, AGENT))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase"));
    }

    @Test
    void an_agent_records_the_realization_of_a_winner() {
        budget.campaign(2026, Phase.REALIZATION, Set.of(P));
        fixture.given(submitted(), new ProjectStudied(P, Verdict.FEASIBLE, 280_000L, null, null, AGENT, NOW))
                .when(new RecordRealization(P, RealizationStatus.WORKS, "started", AGENT))
                .expectEvents(new RealizationRecorded(P, RealizationStatus.WORKS, "started", AGENT, NOW));
    }

    @Test
    void only_winners_are_realized_and_only_in_realization() {
        budget.campaign(2026, Phase.REALIZATION, Set.of(OTHER));
        fixture.given(submitted())
                .when(new RecordRealization(P, RealizationStatus.WORKS, null, AGENT))
                .expectNoEvents()
                .expectException(violation("budget.not-a-winner"));
        budget.campaign(2026, Phase.RESULTS, Set.of(P));
        fixture.given(submitted())
                .when(new RecordRealization(P, RealizationStatus.WORKS, null, AGENT))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase"));
    }
}
