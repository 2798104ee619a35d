package fr.paris.ledger.budget;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.testing.MovableClock;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CampaignTest {
    private static final Instant NOW = Instant.parse("2026-09-01T10:00:00Z");
    private static final CampaignId Y2026 = new CampaignId(new CampaignYear(2026));
    private static final ParticipantId ADMIN = new ParticipantId("s-a3d7m2n9q4x8w5z6k3v7b2t9hj");
    private static final CampaignRules RULES = FakeBudgetDirectory.rules(1_000_000, 100_000, 4, 4);

    private static final ParticipantId AGENT = new ParticipantId("s-g4t7k2m9q3x6w8z5v2b7n4c9hd");

    private FixtureConfiguration<Campaign> fixture;
    private final FakeBudgetDirectory budget = new FakeBudgetDirectory();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Campaign.class);
        fixture.registerInjectableResource(new MovableClock(NOW));
        fixture.registerInjectableResource(budget);
    }

    private static CampaignPhaseChanged changed(Phase from, Phase to) {
        return new CampaignPhaseChanged(new CampaignYear(2026), from, to, ADMIN, NOW);
    }

    @Test
    void an_admin_opens_a_campaign_in_proposals() {
        fixture.givenNoPriorActivity()
                .when(new CreateCampaign(Y2026, RULES, ADMIN))
                .expectEvents(new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW));
    }

    @Test
    void a_year_has_one_campaign() {
        fixture.given(new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW))
                .when(new CreateCampaign(Y2026, RULES, ADMIN))
                .expectNoEvents()
                .expectException(violation("budget.campaign-exists"));
    }

    @Test
    void phases_go_forward_one_at_a_time() {
        fixture.given(new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW))
                .when(new AdvancePhase(Y2026, Phase.FEASIBILITY, ADMIN))
                .expectEvents(changed(Phase.PROPOSALS, Phase.FEASIBILITY))
                .expectResultMessagePayload(Phase.FEASIBILITY);
    }

    @Test
    void a_phase_cannot_be_skipped() {
        fixture.given(new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW))
                .when(new AdvancePhase(Y2026, Phase.VOTING, ADMIN))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase"));
    }

    @Test
    void a_phase_cannot_go_back() {
        fixture.given(new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY))
                .when(new AdvancePhase(Y2026, Phase.PROPOSALS, ADMIN))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase"));
    }

    @Test
    void realization_waits_for_the_results_to_be_recorded() {
        fixture.given(new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING), changed(Phase.VOTING, Phase.RESULTS))
                .when(new AdvancePhase(Y2026, Phase.REALIZATION, ADMIN))
                .expectNoEvents()
                .expectException(violation("budget.results-pending"));
    }

    @Test
    void there_is_nothing_after_realization() {
        fixture.given(new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING), changed(Phase.VOTING, Phase.RESULTS),
                        new CampaignResultsPublished(new CampaignYear(2026), results(), NOW), changed(Phase.RESULTS, Phase.REALIZATION))
                .when(new AdvancePhase(Y2026, Phase.REALIZATION, ADMIN))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase"));
    }

    private static BudgetResults results() {
        return new BudgetResults(new CampaignYear(2026), 0, 0, Map.of("ONLINE", 0L, "PAPER", 0L), Map.of(),
                Map.of("PARIS", new BudgetResults.ScopeResult(1_000_000, 0, List.of())));
    }

    @Test
    void results_are_recorded_once_in_results() {
        fixture.given(new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING), changed(Phase.VOTING, Phase.RESULTS))
                .when(new PublishResults(Y2026, results()))
                .expectEvents(new CampaignResultsPublished(new CampaignYear(2026), results(), NOW));
    }

    @Test
    void results_are_not_recorded_while_voting() {
        fixture.given(new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING))
                .when(new PublishResults(Y2026, results()))
                .expectNoEvents()
                .expectException(violation("budget.results-not-due"));
    }

    @Test
    void results_are_recorded_only_once() {
        fixture.given(new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING), changed(Phase.VOTING, Phase.RESULTS),
                        new CampaignResultsPublished(new CampaignYear(2026), results(), NOW))
                .when(new PublishResults(Y2026, results()))
                .expectNoEvents()
                .expectException(violation("budget.results-not-due"));
    }

    // ---- majority judgment

    private static final CampaignRules MJ_RULES = new CampaignRules(1_000_000, RULES.arrondissementEnvelopesCents(), 4, 4,
            BallotMethod.MAJORITY_JUDGMENT);

    private static MajorityJudgmentResults mjResults() {
        ProjectId winner = new ProjectId("bp2026-pa00000001");
        return new MajorityJudgmentResults(new CampaignYear(2026), BallotMethod.MAJORITY_JUDGMENT, 4, 0, Map.of("ONLINE", 4L, "PAPER", 0L),
                Map.of(), Map.of("PARIS", new MajorityJudgmentResults.ScopeResult(1_000_000, 10, 4, List.of(
                        new MajorityJudgmentResults.ProjectResult(winner, List.of(0L, 1L, 2L, 1L), 2, 1L, 1L, 1, 10, true)))));
    }

    @Test
    void an_admin_opens_a_campaign_voted_by_majority_judgment() {
        fixture.givenNoPriorActivity()
                .when(new CreateCampaign(Y2026, MJ_RULES, ADMIN))
                .expectEvents(new CampaignCreated(new CampaignYear(2026), MJ_RULES, ADMIN, NOW));
    }

    @Test
    void majority_judgment_results_are_recorded_once_in_results_and_their_winners_may_be_realized() {
        fixture.given(new CampaignCreated(new CampaignYear(2026), MJ_RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING), changed(Phase.VOTING, Phase.RESULTS))
                .when(new PublishMajorityJudgmentResults(Y2026, mjResults()))
                .expectEvents(new MajorityJudgmentResultsPublished(new CampaignYear(2026), mjResults(), NOW));
        fixture.given(new CampaignCreated(new CampaignYear(2026), MJ_RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING), changed(Phase.VOTING, Phase.RESULTS),
                        new MajorityJudgmentResultsPublished(new CampaignYear(2026), mjResults(), NOW))
                .when(new PublishMajorityJudgmentResults(Y2026, mjResults()))
                .expectNoEvents()
                .expectException(violation("budget.results-not-due"));
        CampaignFacts facts = null;
        for (Object e : List.of(new CampaignCreated(new CampaignYear(2026), MJ_RULES, ADMIN, NOW), new MajorityJudgmentResultsPublished(new CampaignYear(2026), mjResults(), NOW))) {
            facts = CampaignFacts.apply(facts, e);
        }
        org.assertj.core.api.Assertions.assertThat(facts.resultsPublished()).isTrue();
        org.assertj.core.api.Assertions.assertThat(facts.winners()).containsExactly(new ProjectId("bp2026-pa00000001"));
    }

    @Test
    void results_are_of_the_campaigns_own_method() {
        fixture.given(new CampaignCreated(new CampaignYear(2026), MJ_RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING), changed(Phase.VOTING, Phase.RESULTS))
                .when(new PublishResults(Y2026, results()))
                .expectNoEvents()
                .expectException(violation("budget.results-not-due"));
        fixture.given(new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                        changed(Phase.FEASIBILITY, Phase.VOTING), changed(Phase.VOTING, Phase.RESULTS))
                .when(new PublishMajorityJudgmentResults(Y2026, mjResults()))
                .expectNoEvents()
                .expectException(violation("budget.results-not-due"));
    }

    @Test
    void a_campaign_recorded_before_the_ballot_method_existed_is_an_approval_one() {
        org.assertj.core.api.Assertions.assertThat(RULES.ballotMethod()).isEqualTo(BallotMethod.APPROVAL);
        org.assertj.core.api.Assertions.assertThat(new CampaignRules(1, RULES.arrondissementEnvelopesCents(), 1, 1, null)
                .ballotMethod()).isEqualTo(BallotMethod.APPROVAL);
    }

    // ---- paper batches

    private static Object[] voting() {
        return new Object[] {new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY),
                changed(Phase.FEASIBILITY, Phase.VOTING)};
    }

    private static Object[] votingWith(Object... more) {
        Object[] given = java.util.Arrays.copyOf(voting(), voting().length + more.length);
        System.arraycopy(more, 0, given, voting().length, more.length);
        return given;
    }

    private static PaperBatchOpened opened(String batchId) {
        return new PaperBatchOpened(new CampaignYear(2026), batchId, "urn-11-" + batchId, 50, AGENT, NOW);
    }

    @Test
    void an_agent_opens_a_paper_batch_for_an_urn_while_voting() {
        fixture.given(voting())
                .when(new OpenPaperBatch(Y2026, "b1", "urn-11-b1", 50, AGENT))
                .expectEvents(opened("b1"));
    }

    @Test
    void a_batch_id_is_used_once_per_campaign() {
        fixture.given(votingWith(opened("b1")))
                .when(new OpenPaperBatch(Y2026, "b1", "another urn", 10, AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-exists", RuleViolation.Kind.CONFLICT));
    }

    @Test
    void batches_are_not_opened_before_voting() {
        fixture.given(new CampaignCreated(new CampaignYear(2026), RULES, ADMIN, NOW), changed(Phase.PROPOSALS, Phase.FEASIBILITY))
                .when(new OpenPaperBatch(Y2026, "b1", "urn", 50, AGENT))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase", RuleViolation.Kind.REFUSED));
    }

    @Test
    void batches_are_not_opened_once_the_vote_is_closed() {
        fixture.given(votingWith(changed(Phase.VOTING, Phase.RESULTS)))
                .when(new OpenPaperBatch(Y2026, "b1", "urn", 50, AGENT))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase", RuleViolation.Kind.REFUSED));
    }

    @Test
    void a_batch_declares_at_least_one_paper() {
        fixture.given(voting())
                .when(new OpenPaperBatch(Y2026, "b1", "urn", 0, AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-empty", RuleViolation.Kind.REFUSED));
    }

    @Test
    void the_vote_does_not_close_while_a_batch_is_open() {
        budget.closedBatches.add("b1");
        fixture.given(votingWith(opened("b1"), opened("b2")))
                .when(new AdvancePhase(Y2026, Phase.RESULTS, ADMIN))
                .expectNoEvents()
                .expectException(violation("budget.batches-open", RuleViolation.Kind.CONFLICT));
    }

    @Test
    void the_vote_closes_once_every_batch_is_confirmed_or_abandoned() {
        budget.closedBatches.addAll(List.of("b1", "b2"));
        fixture.given(votingWith(opened("b1"), opened("b2")))
                .when(new AdvancePhase(Y2026, Phase.RESULTS, ADMIN))
                .expectEvents(changed(Phase.VOTING, Phase.RESULTS));
    }

    @Test
    void the_vote_closes_without_any_batch() {
        fixture.given(voting())
                .when(new AdvancePhase(Y2026, Phase.RESULTS, ADMIN))
                .expectEvents(changed(Phase.VOTING, Phase.RESULTS));
    }
}
