package fr.paris.ledger.budget;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;
import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.testing.MovableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paper ballots of a majority-judgment campaign, in a countersigned batch: the grades' rules, and a refused one takes no number. */
class MajorityJudgmentPaperBatchTest {
    private static final Instant NOW = Instant.parse("2026-10-01T10:00:00Z");
    private static final ParticipantId VOTER = new ParticipantId("r-p4q9m2x7w3z8k5v6b2n7t4c9hd");
    private static final ParticipantId AGENT = new ParticipantId("s-g4t7k2m9q3x6w8z5v2b7n4c9hd");
    private static final ParticipantId SECOND_AGENT = new ParticipantId("s-c2n8w4q7m3x9z5k6v2b8t4h7jd");
    private static final PaperBatchId B1 = new PaperBatchId(new CampaignYear(2026), "b1");
    private static final ProjectId PA = new ProjectId("bp2026-pa00000001");
    private static final ProjectId A11 = new ProjectId("bp2026-a110000001");

    private FixtureConfiguration<PaperBatch> fixture;
    private final FakeBudgetDirectory budget = new FakeBudgetDirectory();
    private final FakePaperBallotNumbers numbers = new FakePaperBallotNumbers();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PaperBatch.class);
        fixture.registerInjectableResource(new MovableClock(NOW));
        fixture.registerInjectableResource(budget);
        fixture.registerInjectableResource(numbers);
        budget.majorityJudgmentCampaign(2026, Phase.VOTING);
        budget.batch(new PaperBatchOpened(new CampaignYear(2026), "b1", "urn-11-a", 1, AGENT, NOW));
        budget.project(new ProjectFacts(PA, new CampaignYear(2026), Scope.PARIS, Verdict.FEASIBLE, 10, NOW));
        budget.project(new ProjectFacts(A11, new CampaignYear(2026), Scope.arrondissement(11), Verdict.FEASIBLE, 10, NOW));
    }

    private static EnterPaperBallot enter(Integer arrondissement, Map<ProjectId, Integer> grades) {
        return new EnterPaperBallot(B1, new BallotNumber("42"), VOTER, List.of(), arrondissement, List.of(), grades, AGENT);
    }

    @Test
    void the_batchs_agent_enters_a_graded_paper_ballot_and_another_agent_confirms_the_batch() {
        TreeMap<String, Integer> grades = new TreeMap<>(Map.of(PA.value(), 1, A11.value(), 3));
        PaperBallotEntered entered = new PaperBallotEntered(new CampaignYear(2026), "b1", new BallotNumber("42"), VOTER, List.of(), 11, List.of(), grades, AGENT, NOW);
        fixture.givenNoPriorActivity()
                .when(enter(11, Map.of(A11, 3, PA, 1)))
                .expectEvents(entered);
        assertThat(numbers.held).containsEntry("2026:42", "b1");
        fixture.given(entered)
                .when(new ConfirmPaperBatch(B1, SECOND_AGENT))
                .expectEvents(new PaperBatchConfirmed(new CampaignYear(2026), "b1", 1, 0, SECOND_AGENT, NOW));
    }

    @Test
    void a_paper_ballot_follows_the_grades_rules_and_a_refused_one_takes_no_number() {
        fixture.givenNoPriorActivity().when(enter(11, Map.of(PA, 5))).expectNoEvents()
                .expectException(violation("budget.grade-invalid"));
        fixture.givenNoPriorActivity().when(enter(null, Map.of(A11, 2))).expectNoEvents()
                .expectException(violation("budget.not-on-ballot"));
        fixture.givenNoPriorActivity().when(enter(11, Map.of())).expectNoEvents()
                .expectException(violation("budget.empty-ballot"));
        fixture.givenNoPriorActivity()
                .when(new EnterPaperBallot(B1, new BallotNumber("42"), VOTER, List.of(PA), null, List.of(), AGENT)).expectNoEvents()
                .expectException(violation("budget.wrong-ballot-method"));
        assertThat(numbers.held).isEmpty();
    }
}
