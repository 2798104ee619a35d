package fr.paris.ledger.budget;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;
import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import fr.paris.ledger.testing.MovableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A countersigned batch of paper ballots: entered by one agent, confirmed by another, counted only then. */
class PaperBatchTest {
    private static final Instant NOW = Instant.parse("2026-10-01T10:00:00Z");
    private static final ParticipantId VOTER = new ParticipantId("r-p4q9m2x7w3z8k5v6b2n7t4c9hd");
    private static final ParticipantId OTHER_VOTER = new ParticipantId("r-o8t3m6q2x9w4z7k5v3b8n2c6hj");
    private static final ParticipantId AGENT = new ParticipantId("s-g4t7k2m9q3x6w8z5v2b7n4c9hd");
    private static final ParticipantId SECOND_AGENT = new ParticipantId("s-c2n8w4q7m3x9z5k6v2b8t4h7jd");
    private static final PaperBatchId B1 = new PaperBatchId(new CampaignYear(2026), "b1");
    private static final ProjectId PA = new ProjectId("bp2026-pa00000001");

    private FixtureConfiguration<PaperBatch> fixture;
    private final FakeBudgetDirectory budget = new FakeBudgetDirectory();
    private final FakePaperBallotNumbers numbers = new FakePaperBallotNumbers();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PaperBatch.class);
        fixture.registerInjectableResource(new MovableClock(NOW));
        fixture.registerInjectableResource(budget);
        fixture.registerInjectableResource(numbers);
        budget.campaign(2026, Phase.VOTING, Set.of());
        budget.batch(new PaperBatchOpened(new CampaignYear(2026), "b1", "urn-11-a", 3, AGENT, NOW));
        budget.project(new ProjectFacts(PA, new CampaignYear(2026), Scope.PARIS, Verdict.FEASIBLE, 10, NOW));
    }

    private static EnterPaperBallot enter(String number, ParticipantId voter) {
        return new EnterPaperBallot(B1, new BallotNumber(number), voter, List.of(PA), null, List.of(), AGENT);
    }

    private static PaperBallotEntered entered(String number, ParticipantId voter) {
        return new PaperBallotEntered(new CampaignYear(2026), "b1", new BallotNumber(number), voter, List.of(PA), null, List.of(), AGENT, NOW);
    }

    private static SpoiledPaperRecorded spoiled(String number) {
        return new SpoiledPaperRecorded(new CampaignYear(2026), "b1", new BallotNumber(number), AGENT, NOW);
    }

    /** These numbers are held by batch b1, as the transactions of its entries left them. */
    private void held(String... numbersOfB1) {
        for (String n : numbersOfB1) {
            numbers.held.put("2026:" + n, "b1");
        }
    }

    // ---- entering

    @Test
    void the_batchs_agent_enters_a_paper_ballot() {
        fixture.givenNoPriorActivity()
                .when(enter("42", VOTER))
                .expectEvents(entered("42", VOTER));
        assertThat(numbers.held).containsEntry("2026:42", "b1");
    }

    @Test
    void the_batchs_agent_records_a_spoiled_paper_without_a_voter() {
        fixture.given(entered("1", VOTER))
                .when(new RecordSpoiledPaper(B1, new BallotNumber("2"), AGENT))
                .expectEvents(spoiled("2"));
        assertThat(numbers.held).containsEntry("2026:2", "b1");
    }

    @Test
    void an_entry_goes_into_a_batch_that_was_opened() {
        fixture.givenNoPriorActivity()
                .when(new EnterPaperBallot(new PaperBatchId(new CampaignYear(2026), "nowhere"), new BallotNumber("42"), VOTER, List.of(PA), null, List.of(), AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-not-found", RuleViolation.Kind.NOT_FOUND));
    }

    @Test
    void papers_are_entered_only_while_voting() {
        budget.put(CampaignFacts.apply(new CampaignFacts(new CampaignYear(2026), Phase.RESULTS,
                FakeBudgetDirectory.rules(1_000_000, 100_000, 2, 2), NOW, false, Set.of()),
                new PaperBatchOpened(new CampaignYear(2026), "b1", "urn-11-a", 3, AGENT, NOW)));
        fixture.givenNoPriorActivity()
                .when(enter("42", VOTER))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase", RuleViolation.Kind.REFUSED));
    }

    @Test
    void only_the_batchs_agent_enters_its_papers() {
        fixture.givenNoPriorActivity()
                .when(new EnterPaperBallot(B1, new BallotNumber("42"), VOTER, List.of(PA), null, List.of(), SECOND_AGENT))
                .expectNoEvents()
                .expectException(violation("budget.not-batch-agent", RuleViolation.Kind.FORBIDDEN));
    }

    @Test
    void only_the_batchs_agent_records_its_spoiled_papers() {
        fixture.givenNoPriorActivity()
                .when(new RecordSpoiledPaper(B1, new BallotNumber("42"), SECOND_AGENT))
                .expectNoEvents()
                .expectException(violation("budget.not-batch-agent", RuleViolation.Kind.FORBIDDEN));
    }

    @Test
    void a_ballot_number_is_entered_once_in_a_batch() {
        held("42");
        fixture.given(entered("42", VOTER))
                .when(new RecordSpoiledPaper(B1, new BallotNumber("42"), AGENT))
                .expectNoEvents()
                .expectException(violation("budget.duplicate-paper-ballot", RuleViolation.Kind.CONFLICT));
    }

    @Test
    void a_ballot_number_is_entered_once_across_the_campaigns_batches() {
        numbers.held.put("2026:42", "b2");
        fixture.givenNoPriorActivity()
                .when(enter("42", VOTER))
                .expectNoEvents()
                .expectException(violation("budget.duplicate-paper-ballot", RuleViolation.Kind.CONFLICT));
        assertThat(numbers.held).containsEntry("2026:42", "b2");
    }

    @Test
    void a_batch_takes_no_more_papers_than_it_declares_spoiled_ones_included() {
        held("1", "2", "3");
        fixture.given(entered("1", VOTER), spoiled("2"), entered("3", OTHER_VOTER))
                .when(enter("4", VOTER))
                .expectNoEvents()
                .expectException(violation("budget.batch-full", RuleViolation.Kind.REFUSED));
        assertThat(numbers.held).doesNotContainKey("2026:4");
    }

    @Test
    void a_voided_entry_makes_room_again() {
        held("1", "2");
        fixture.given(entered("1", VOTER), spoiled("2"), entered("3", OTHER_VOTER),
                        new PaperBallotVoided(new CampaignYear(2026), "b1", new BallotNumber("3"), AGENT, NOW))
                .when(enter("4", OTHER_VOTER))
                .expectEvents(entered("4", OTHER_VOTER));
    }

    @Test
    void a_paper_ballot_follows_the_ballot_rules_and_a_refused_one_takes_no_number() {
        fixture.givenNoPriorActivity()
                .when(new EnterPaperBallot(B1, new BallotNumber("42"), VOTER, List.of(new ProjectId("bp2026-zzzzzzzzzz")), null, List.of(), AGENT))
                .expectNoEvents()
                .expectException(violation("budget.not-on-ballot", RuleViolation.Kind.REFUSED));
        assertThat(numbers.held).isEmpty();
    }

    @Test
    void nothing_is_entered_into_a_confirmed_batch() {
        fixture.given(entered("1", VOTER), spoiled("2"), entered("3", OTHER_VOTER),
                        new PaperBatchConfirmed(new CampaignYear(2026), "b1", 2, 1, SECOND_AGENT, NOW))
                .when(new RecordSpoiledPaper(B1, new BallotNumber("4"), AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-closed", RuleViolation.Kind.CONFLICT));
    }

    @Test
    void nothing_is_entered_into_an_abandoned_batch() {
        fixture.given(new PaperBatchAbandoned(new CampaignYear(2026), "b1", "wrong urn", AGENT, NOW))
                .when(enter("1", VOTER))
                .expectNoEvents()
                .expectException(violation("budget.batch-closed", RuleViolation.Kind.CONFLICT));
    }

    // ---- voiding

    @Test
    void the_batchs_agent_voids_a_typing_mistake_before_confirmation_and_its_number_is_free_again() {
        held("1");
        fixture.given(entered("1", VOTER))
                .when(new VoidPaperBallot(B1, new BallotNumber("1"), AGENT))
                .expectEvents(new PaperBallotVoided(new CampaignYear(2026), "b1", new BallotNumber("1"), AGENT, NOW));
        assertThat(numbers.held).isEmpty();
    }

    @Test
    void a_voided_number_is_entered_again_with_the_right_choices() {
        fixture.given(entered("1", VOTER), new PaperBallotVoided(new CampaignYear(2026), "b1", new BallotNumber("1"), AGENT, NOW))
                .when(enter("1", OTHER_VOTER))
                .expectEvents(entered("1", OTHER_VOTER));
    }

    @Test
    void a_spoiled_paper_is_voided_like_a_ballot() {
        fixture.given(spoiled("2"))
                .when(new VoidPaperBallot(B1, new BallotNumber("2"), AGENT))
                .expectEvents(new PaperBallotVoided(new CampaignYear(2026), "b1", new BallotNumber("2"), AGENT, NOW));
    }

    @Test
    void only_an_entry_of_the_batch_is_voided() {
        fixture.given(entered("1", VOTER), new PaperBallotVoided(new CampaignYear(2026), "b1", new BallotNumber("1"), AGENT, NOW))
                .when(new VoidPaperBallot(B1, new BallotNumber("1"), AGENT))
                .expectNoEvents()
                .expectException(violation("budget.no-entry", RuleViolation.Kind.NOT_FOUND));
    }

    @Test
    void only_the_batchs_agent_voids_its_entries() {
        fixture.given(entered("1", VOTER))
                .when(new VoidPaperBallot(B1, new BallotNumber("1"), SECOND_AGENT))
                .expectNoEvents()
                .expectException(violation("budget.not-batch-agent", RuleViolation.Kind.FORBIDDEN));
    }

    @Test
    void nothing_is_voided_once_the_batch_is_confirmed() {
        fixture.given(entered("1", VOTER), spoiled("2"), entered("3", OTHER_VOTER),
                        new PaperBatchConfirmed(new CampaignYear(2026), "b1", 2, 1, SECOND_AGENT, NOW))
                .when(new VoidPaperBallot(B1, new BallotNumber("1"), AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-closed", RuleViolation.Kind.CONFLICT));
    }

    // ---- confirming

    @Test
    void another_agent_confirms_a_batch_whose_entries_match_its_declared_count() {
        fixture.given(entered("1", VOTER), spoiled("2"), entered("3", OTHER_VOTER))
                .when(new ConfirmPaperBatch(B1, SECOND_AGENT))
                .expectEvents(new PaperBatchConfirmed(new CampaignYear(2026), "b1", 2, 1, SECOND_AGENT, NOW))
                .expectResultMessagePayload(3);
    }

    @Test
    void the_batchs_own_agent_does_not_confirm_it() {
        fixture.given(entered("1", VOTER), spoiled("2"), entered("3", OTHER_VOTER))
                .when(new ConfirmPaperBatch(B1, AGENT))
                .expectNoEvents()
                .expectException(violation("budget.same-agent", RuleViolation.Kind.FORBIDDEN));
    }

    @Test
    void a_batch_with_fewer_entries_than_declared_is_not_confirmed() {
        fixture.given(entered("1", VOTER), spoiled("2"))
                .when(new ConfirmPaperBatch(B1, SECOND_AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-incomplete", RuleViolation.Kind.REFUSED));
    }

    @Test
    void voided_entries_do_not_count_toward_the_declared_count() {
        fixture.given(entered("1", VOTER), spoiled("2"), entered("3", OTHER_VOTER),
                        new PaperBallotVoided(new CampaignYear(2026), "b1", new BallotNumber("3"), AGENT, NOW))
                .when(new ConfirmPaperBatch(B1, SECOND_AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-incomplete", RuleViolation.Kind.REFUSED));
    }

    @Test
    void an_empty_batch_is_not_confirmed() {
        fixture.givenNoPriorActivity()
                .when(new ConfirmPaperBatch(B1, SECOND_AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-incomplete", RuleViolation.Kind.REFUSED));
    }

    @Test
    void a_batch_is_confirmed_once() {
        fixture.given(entered("1", VOTER), spoiled("2"), entered("3", OTHER_VOTER),
                        new PaperBatchConfirmed(new CampaignYear(2026), "b1", 2, 1, SECOND_AGENT, NOW))
                .when(new ConfirmPaperBatch(B1, SECOND_AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-closed", RuleViolation.Kind.CONFLICT));
    }

    @Test
    void an_abandoned_batch_is_never_confirmed() {
        fixture.given(entered("1", VOTER), new PaperBatchAbandoned(new CampaignYear(2026), "b1", "wrong urn", AGENT, NOW))
                .when(new ConfirmPaperBatch(B1, SECOND_AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-closed", RuleViolation.Kind.CONFLICT));
    }

    @Test
    void batches_are_confirmed_only_while_voting() {
        budget.put(CampaignFacts.apply(new CampaignFacts(new CampaignYear(2026), Phase.RESULTS,
                FakeBudgetDirectory.rules(1_000_000, 100_000, 2, 2), NOW, false, Set.of()),
                new PaperBatchOpened(new CampaignYear(2026), "b1", "urn-11-a", 3, AGENT, NOW)));
        fixture.given(entered("1", VOTER), spoiled("2"), entered("3", OTHER_VOTER))
                .when(new ConfirmPaperBatch(B1, SECOND_AGENT))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase", RuleViolation.Kind.REFUSED));
    }

    @Test
    void a_batch_that_was_never_opened_is_not_confirmed() {
        fixture.givenNoPriorActivity()
                .when(new ConfirmPaperBatch(new PaperBatchId(new CampaignYear(2026), "nowhere"), SECOND_AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-not-found", RuleViolation.Kind.NOT_FOUND));
    }

    // ---- abandoning

    @Test
    void an_open_batch_is_abandoned_and_its_numbers_are_free_again() {
        held("1", "2");
        numbers.held.put("2026:7", "b2");
        fixture.given(entered("1", VOTER), spoiled("2"))
                .when(new AbandonPaperBatch(B1, "the urn's seal was broken", SECOND_AGENT))
                .expectEvents(new PaperBatchAbandoned(new CampaignYear(2026), "b1", "the urn's seal was broken", SECOND_AGENT, NOW));
        assertThat(numbers.held).isEqualTo(Map.of("2026:7", "b2"));
    }

    @Test
    void an_empty_batch_is_abandoned() {
        fixture.givenNoPriorActivity()
                .when(new AbandonPaperBatch(B1, "opened by mistake", AGENT))
                .expectEvents(new PaperBatchAbandoned(new CampaignYear(2026), "b1", "opened by mistake", AGENT, NOW));
    }

    @Test
    void a_confirmed_batch_is_not_abandoned() {
        fixture.given(entered("1", VOTER), spoiled("2"), entered("3", OTHER_VOTER),
                        new PaperBatchConfirmed(new CampaignYear(2026), "b1", 2, 1, SECOND_AGENT, NOW))
                .when(new AbandonPaperBatch(B1, "second thoughts", AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-closed", RuleViolation.Kind.CONFLICT));
    }

    @Test
    void a_batch_is_abandoned_once() {
        fixture.given(new PaperBatchAbandoned(new CampaignYear(2026), "b1", "wrong urn", AGENT, NOW))
                .when(new AbandonPaperBatch(B1, "again", AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-closed", RuleViolation.Kind.CONFLICT));
    }

    @Test
    void a_batch_that_was_never_opened_is_not_abandoned() {
        fixture.givenNoPriorActivity()
                .when(new AbandonPaperBatch(new PaperBatchId(new CampaignYear(2026), "nowhere"), "why not", AGENT))
                .expectNoEvents()
                .expectException(violation("budget.batch-not-found", RuleViolation.Kind.NOT_FOUND));
    }

    // ---- setting aside (the voter's erasure)

    @Test
    void a_voters_paper_ballot_is_set_aside_while_voting_is_open() {
        fixture.given(entered("1", VOTER))
                .when(new SetPaperBallotAside(B1, new BallotNumber("1"), VOTER))
                .expectEvents(new PaperBallotSetAside(new CampaignYear(2026), "b1", new BallotNumber("1"), VOTER, NOW));
    }

    @Test
    void a_paper_ballot_of_a_confirmed_batch_is_set_aside_too() {
        fixture.given(entered("1", VOTER), spoiled("2"), entered("3", OTHER_VOTER),
                        new PaperBatchConfirmed(new CampaignYear(2026), "b1", 2, 1, SECOND_AGENT, NOW))
                .when(new SetPaperBallotAside(B1, new BallotNumber("3"), OTHER_VOTER))
                .expectEvents(new PaperBallotSetAside(new CampaignYear(2026), "b1", new BallotNumber("3"), OTHER_VOTER, NOW));
    }

    @Test
    void a_paper_ballot_set_aside_still_counts_toward_its_batch() {
        fixture.given(entered("1", VOTER), spoiled("2"), entered("3", OTHER_VOTER),
                        new PaperBallotSetAside(new CampaignYear(2026), "b1", new BallotNumber("1"), VOTER, NOW))
                .when(new ConfirmPaperBatch(B1, SECOND_AGENT))
                .expectEvents(new PaperBatchConfirmed(new CampaignYear(2026), "b1", 2, 1, SECOND_AGENT, NOW));
    }

    @Test
    void refuses_to_set_a_paper_ballot_aside_twice() {
        fixture.given(entered("1", VOTER), new PaperBallotSetAside(new CampaignYear(2026), "b1", new BallotNumber("1"), VOTER, NOW))
                .when(new SetPaperBallotAside(B1, new BallotNumber("1"), VOTER))
                .expectNoEvents()
                .expectException(violation("budget.no-ballot", RuleViolation.Kind.NOT_FOUND));
    }

    @Test
    void refuses_to_set_aside_the_paper_ballot_of_another_voter_or_a_spoiled_paper() {
        fixture.given(entered("1", VOTER), spoiled("2"))
                .when(new SetPaperBallotAside(B1, new BallotNumber("2"), VOTER))
                .expectNoEvents()
                .expectException(violation("budget.no-ballot", RuleViolation.Kind.NOT_FOUND));
    }

    @Test
    void refuses_to_set_aside_a_voided_paper_ballot() {
        fixture.given(entered("1", VOTER), new PaperBallotVoided(new CampaignYear(2026), "b1", new BallotNumber("1"), AGENT, NOW))
                .when(new SetPaperBallotAside(B1, new BallotNumber("1"), VOTER))
                .expectNoEvents()
                .expectException(violation("budget.no-ballot", RuleViolation.Kind.NOT_FOUND));
    }

    @Test
    void a_paper_ballot_of_an_abandoned_batch_has_nothing_to_set_aside() {
        fixture.given(entered("1", VOTER), new PaperBatchAbandoned(new CampaignYear(2026), "b1", "wrong urn", AGENT, NOW))
                .when(new SetPaperBallotAside(B1, new BallotNumber("1"), VOTER))
                .expectNoEvents()
                .expectException(violation("budget.no-ballot", RuleViolation.Kind.NOT_FOUND));
    }

    @Test
    void refuses_to_set_a_paper_ballot_aside_outside_the_voting_phase() {
        budget.campaign(2026, Phase.RESULTS, Set.of());
        fixture.given(entered("1", VOTER))
                .when(new SetPaperBallotAside(B1, new BallotNumber("1"), VOTER))
                .expectNoEvents()
                .expectException(violation("budget.wrong-phase", RuleViolation.Kind.REFUSED));
    }

    @Test
    void refuses_to_set_aside_a_paper_ballot_never_entered() {
        fixture.givenNoPriorActivity()
                .when(new SetPaperBallotAside(B1, new BallotNumber("1"), VOTER))
                .expectNoEvents()
                .expectException(violation("budget.no-ballot", RuleViolation.Kind.NOT_FOUND));
    }
}
