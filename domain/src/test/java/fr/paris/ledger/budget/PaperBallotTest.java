package fr.paris.ledger.budget;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.testing.MovableClock;
import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaperBallotTest {
    private static final Instant NOW = Instant.parse("2026-10-01T10:00:00Z");
    private static final ParticipantId VOTER = new ParticipantId("paper-voter");
    private static final ParticipantId AGENT = new ParticipantId("agent");
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
                .when(new EnterPaperBallot(N42, new ParticipantId("someone"), List.of(PA), null, List.of(), AGENT))
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
}
