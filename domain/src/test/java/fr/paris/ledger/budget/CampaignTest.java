package fr.paris.ledger.budget;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.testing.MovableClock;
import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CampaignTest {
    private static final Instant NOW = Instant.parse("2026-09-01T10:00:00Z");
    private static final CampaignId Y2026 = new CampaignId(2026);
    private static final ParticipantId ADMIN = new ParticipantId("s-a3d7m2n9q4x8w5z6k3v7b2t9hj");
    private static final CampaignRules RULES = FakeBudgetDirectory.rules(1_000_000, 100_000, 4, 4);

    private FixtureConfiguration<Campaign> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Campaign.class);
        fixture.registerInjectableResource(new MovableClock(NOW));
    }

    private static CampaignPhaseChanged changed(Phase from, Phase to) {
        return new CampaignPhaseChanged(2026, from, to, ADMIN, NOW);
    }

    @Test
    void an_admin_opens_a_campaign_in_proposals() {
        fixture.givenNoPriorActivity()
                .when(new CreateCampaign(Y2026, RULES, ADMIN))
                .expectEvents(new CampaignCreated(2026, RULES, ADMIN, NOW));
    }

    @Test
    void a_year_has_one_campaign() {
        fixture.given(new CampaignCreated(2026, RULES, ADMIN, NOW))
                .when(new CreateCampaign(Y2026, RULES, ADMIN))
                .expectNoEvents()
                .expectException(violation("budget.campaign-exists"));
    }

    @Test
    void phases_go_forward_one_at_a_time() {
        fixture.given(new CampaignCreated(2026, RULES, ADMIN, NOW))
                .when(new AdvancePhase(Y2026, Phase.FEASIBILITY, ADMIN))
                .expectEvents(changed(Phase.PROPOSALS, Phase.FEASIBILITY))
                .expectResultMessagePayload(Phase.FEASIBILITY);
    }

    @Test
    void a_phase_cannot_be_skipped() {
        fixture.given(new CampaignCreated(2026, RULES, ADMIN, NOW))
                .when(new AdvancePhase(Y2026, Phase.VOTING, ADMIN))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase"));
    }

    @Test
    void a_phase_cannot_go_back() {
        fixture.given(new CampaignCreated(2026, RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY))
                .when(new AdvancePhase(Y2026, Phase.PROPOSALS, ADMIN))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase"));
    }

    @Test
    void realization_waits_for_the_results_to_be_recorded() {
        fixture.given(new CampaignCreated(2026, RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING), changed(Phase.VOTING, Phase.RESULTS))
                .when(new AdvancePhase(Y2026, Phase.REALIZATION, ADMIN))
                .expectNoEvents()
                .expectException(violation("budget.results-pending"));
    }

    @Test
    void there_is_nothing_after_realization() {
        fixture.given(new CampaignCreated(2026, RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING), changed(Phase.VOTING, Phase.RESULTS),
                        new CampaignResultsPublished(2026, results(), NOW), changed(Phase.RESULTS, Phase.REALIZATION))
                .when(new AdvancePhase(Y2026, Phase.REALIZATION, ADMIN))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase"));
    }

    private static BudgetResults results() {
        return new BudgetResults(2026, 0, 0, Map.of("ONLINE", 0L, "PAPER", 0L), Map.of(),
                Map.of("PARIS", new BudgetResults.ScopeResult(1_000_000, 0, List.of())));
    }

    @Test
    void results_are_recorded_once_in_results() {
        fixture.given(new CampaignCreated(2026, RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING), changed(Phase.VOTING, Phase.RESULTS))
                .when(new PublishResults(Y2026, results()))
                .expectEvents(new CampaignResultsPublished(2026, results(), NOW));
    }

    @Test
    void results_are_not_recorded_while_voting() {
        fixture.given(new CampaignCreated(2026, RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING))
                .when(new PublishResults(Y2026, results()))
                .expectNoEvents()
                .expectException(violation("budget.results-not-due"));
    }

    @Test
    void results_are_recorded_only_once() {
        fixture.given(new CampaignCreated(2026, RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING), changed(Phase.VOTING, Phase.RESULTS),
                        new CampaignResultsPublished(2026, results(), NOW))
                .when(new PublishResults(Y2026, results()))
                .expectNoEvents()
                .expectException(violation("budget.results-not-due"));
    }
}
