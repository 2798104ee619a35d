package fr.paris.ledger.budget;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.testing.MovableClock;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BallotTest {
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
        budget.campaign(2026, Phase.VOTING, Set.of());  // at most 2 Paris-wide and 2 arrondissement choices
        budget.project(new ProjectFacts(PA, new CampaignYear(2026), Scope.PARIS, Verdict.FEASIBLE, 10, NOW));
        budget.project(new ProjectFacts(PB, new CampaignYear(2026), Scope.PARIS, Verdict.FEASIBLE, 10, NOW));
        budget.project(new ProjectFacts(PC, new CampaignYear(2026), Scope.PARIS, Verdict.FEASIBLE, 10, NOW));
        budget.project(new ProjectFacts(A12, new CampaignYear(2026), Scope.arrondissement(12), Verdict.FEASIBLE, 10, NOW));
        budget.project(new ProjectFacts(A12_NOT_FEASIBLE, new CampaignYear(2026), Scope.arrondissement(12), Verdict.NOT_FEASIBLE, 10, NOW));
        budget.project(new ProjectFacts(A11, new CampaignYear(2026), Scope.arrondissement(11), Verdict.FEASIBLE, 10, NOW));
    }

    @Test
    void a_resident_votes_within_the_limits_without_their_postal_code_recorded() {
        fixture.givenNoPriorActivity()
                .when(new CastBallot(BALLOT, P12, List.of(PA, PB), 12, List.of(A12)))
                .expectEvents(new BallotCast(new CampaignYear(2026), VOTER, List.of(PA, PB), 12, List.of(A12), NOW));
    }

    @Test
    void a_new_ballot_replaces_the_previous_one() {
        fixture.given(new BallotCast(new CampaignYear(2026), VOTER, List.of(PA), null, List.of(), NOW))
                .when(new CastBallot(BALLOT, P12, List.of(PC), null, List.of()))
                .expectEvents(new BallotCast(new CampaignYear(2026), VOTER, List.of(PC), null, List.of(), NOW));
    }

    @Test
    void refuses_too_many_choices() {
        fixture.givenNoPriorActivity()
                .when(new CastBallot(BALLOT, P12, List.of(PA, PB, PC), null, List.of()))
                .expectNoEvents()
                .expectException(violation("budget.too-many-choices"));
    }

    @Test
    void refuses_a_project_not_on_the_ballot_or_of_another_scope() {
        fixture.givenNoPriorActivity()
                .when(new CastBallot(BALLOT, P12, List.of(), 12, List.of(A12_NOT_FEASIBLE)))
                .expectNoEvents()
                .expectException(violation("budget.not-on-ballot"));
        fixture.givenNoPriorActivity()
                .when(new CastBallot(BALLOT, P12, List.of(), 12, List.of(A11)))
                .expectNoEvents()
                .expectException(violation("budget.not-on-ballot"));
        fixture.givenNoPriorActivity()
                .when(new CastBallot(BALLOT, P12, List.of(A12), null, List.of()))
                .expectNoEvents()
                .expectException(violation("budget.not-on-ballot"));
    }

    @Test
    void refuses_a_project_chosen_twice_and_an_empty_ballot() {
        fixture.givenNoPriorActivity()
                .when(new CastBallot(BALLOT, P12, List.of(PA, PA), null, List.of()))
                .expectException(violation("budget.duplicate-choice"));
        fixture.givenNoPriorActivity()
                .when(new CastBallot(BALLOT, P12, List.of(), null, List.of()))
                .expectException(violation("budget.empty-ballot"));
    }

    @Test
    void refuses_a_voter_living_outside_paris() {
        fixture.givenNoPriorActivity()
                .when(new CastBallot(BALLOT, new PostalCode("94300"), List.of(PA), null, List.of()))
                .expectNoEvents()
                .expectException(violation("budget.not-resident"));
    }

    @Test
    void refuses_a_ballot_outside_the_voting_phase() {
        budget.campaign(2026, Phase.RESULTS, Set.of());
        fixture.givenNoPriorActivity()
                .when(new CastBallot(BALLOT, P12, List.of(PA), null, List.of()))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase"));
    }

    @Test
    void a_voter_withdraws_their_ballot_while_voting_is_open() {
        fixture.given(new BallotCast(new CampaignYear(2026), VOTER, List.of(PA), 12, List.of(A12), NOW))
                .when(new WithdrawBallot(BALLOT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BallotWithdrawn(new CampaignYear(2026), VOTER, NOW));
    }

    @Test
    void refuses_to_withdraw_a_ballot_outside_the_voting_phase() {
        budget.campaign(2026, Phase.RESULTS, Set.of());
        fixture.given(new BallotCast(new CampaignYear(2026), VOTER, List.of(PA), null, List.of(), NOW))
                .when(new WithdrawBallot(BALLOT))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase", RuleViolation.Kind.REFUSED));
    }

    @Test
    void refuses_to_withdraw_a_ballot_already_withdrawn() {
        fixture.given(new BallotCast(new CampaignYear(2026), VOTER, List.of(PA), null, List.of(), NOW),
                        new BallotWithdrawn(new CampaignYear(2026), VOTER, NOW))
                .when(new WithdrawBallot(BALLOT))
                .expectNoEvents()
                .expectException(violation("budget.no-ballot", RuleViolation.Kind.NOT_FOUND));
    }

    @Test
    void refuses_to_withdraw_a_ballot_never_cast() {
        // no ballot aggregate exists for this voter: the command finds nothing to withdraw
        fixture.givenNoPriorActivity()
                .when(new WithdrawBallot(BALLOT))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void a_ballot_cast_after_a_withdrawal_stands_again() {
        fixture.given(new BallotCast(new CampaignYear(2026), VOTER, List.of(PA), null, List.of(), NOW),
                        new BallotWithdrawn(new CampaignYear(2026), VOTER, NOW))
                .when(new CastBallot(BALLOT, P12, List.of(PB), null, List.of()))
                .expectEvents(new BallotCast(new CampaignYear(2026), VOTER, List.of(PB), null, List.of(), NOW));
        fixture.given(new BallotCast(new CampaignYear(2026), VOTER, List.of(PA), null, List.of(), NOW),
                        new BallotWithdrawn(new CampaignYear(2026), VOTER, NOW),
                        new BallotCast(new CampaignYear(2026), VOTER, List.of(PB), null, List.of(), NOW))
                .when(new WithdrawBallot(BALLOT))
                .expectEvents(new BallotWithdrawn(new CampaignYear(2026), VOTER, NOW));
    }
}
