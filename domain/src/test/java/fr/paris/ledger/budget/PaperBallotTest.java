package fr.paris.ledger.budget;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.testing.MovableClock;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaperBallotTest {
    private static final Instant NOW = Instant.parse("2026-10-01T10:00:00Z");
    private static final ParticipantId VOTER = new ParticipantId("r-p4q9m2x7w3z8k5v6b2n7t4c9hd");
    private static final ParticipantId OTHER_VOTER = new ParticipantId("r-o8t3m6q2x9w4z7k5v3b8n2c6hj");
    private static final ParticipantId AGENT = new ParticipantId("s-g4t7k2m9q3x6w8z5v2b7n4c9hd");
    private static final PaperBallotId N42 = new PaperBallotId(2026, "42");
    private static final ProjectId PA = new ProjectId("bp2026-pa00000001");

    private FixtureConfiguration<PaperBallot> fixture;
    private final FakeBudgetDirectory budget = new FakeBudgetDirectory();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PaperBallot.class);
        fixture.registerInjectableResource(new MovableClock(NOW));
        fixture.registerInjectableResource(budget);
        budget.campaign(2026, Phase.VOTING, Set.of());
        budget.project(new ProjectFacts(PA, 2026, Scope.PARIS, Verdict.FEASIBLE, 10, NOW));
    }

    @Test
    void an_agent_enters_a_paper_ballot() {
        fixture.givenNoPriorActivity()
                .when(new EnterPaperBallot(N42, VOTER, List.of(PA), null, List.of(), AGENT))
                .expectEvents(new PaperBallotEntered(2026, "42", VOTER, List.of(PA), null, List.of(), AGENT, NOW));
    }

    @Test
    void a_ballot_number_is_entered_once() {
        fixture.given(new PaperBallotEntered(2026, "42", VOTER, List.of(PA), null, List.of(), AGENT, NOW))
                .when(new EnterPaperBallot(N42, OTHER_VOTER, List.of(PA), null, List.of(), AGENT))
                .expectNoEvents()
                .expectException(violation("budget.duplicate-paper-ballot"));
    }

    @Test
    void a_paper_ballot_follows_the_ballot_rules() {
        fixture.givenNoPriorActivity()
                .when(new EnterPaperBallot(N42, VOTER, List.of(new ProjectId("bp2026-zzzzzzzzzz")), null, List.of(), AGENT))
                .expectNoEvents()
                .expectException(violation("budget.not-on-ballot"));
    }

    private static PaperBallotEntered entered() {
        return new PaperBallotEntered(2026, "42", VOTER, List.of(PA), null, List.of(), AGENT, NOW);
    }

    @Test
    void a_voters_paper_ballot_is_set_aside_while_voting_is_open() {
        fixture.given(entered())
                .when(new SetPaperBallotAside(N42, VOTER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PaperBallotSetAside(2026, "42", VOTER, NOW));
    }

    @Test
    void refuses_to_set_a_paper_ballot_aside_twice() {
        fixture.given(entered(), new PaperBallotSetAside(2026, "42", VOTER, NOW))
                .when(new SetPaperBallotAside(N42, VOTER))
                .expectNoEvents()
                .expectException(violation("budget.no-ballot", RuleViolation.Kind.NOT_FOUND));
    }

    @Test
    void refuses_to_set_aside_the_paper_ballot_of_another_voter() {
        fixture.given(entered())
                .when(new SetPaperBallotAside(N42, OTHER_VOTER))
                .expectNoEvents()
                .expectException(violation("budget.no-ballot", RuleViolation.Kind.NOT_FOUND));
    }

    @Test
    void refuses_to_set_a_paper_ballot_aside_outside_the_voting_phase() {
        budget.campaign(2026, Phase.RESULTS, Set.of());
        fixture.given(entered())
                .when(new SetPaperBallotAside(N42, VOTER))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase", RuleViolation.Kind.REFUSED));
    }

    @Test
    void refuses_to_set_aside_a_paper_ballot_never_entered() {
        fixture.givenNoPriorActivity()
                .when(new SetPaperBallotAside(N42, VOTER))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void a_paper_ballot_set_aside_keeps_its_number_used() {
        fixture.given(entered(), new PaperBallotSetAside(2026, "42", VOTER, NOW))
                .when(new EnterPaperBallot(N42, OTHER_VOTER, List.of(PA), null, List.of(), AGENT))
                .expectNoEvents()
                .expectException(violation("budget.duplicate-paper-ballot"));
    }
}
