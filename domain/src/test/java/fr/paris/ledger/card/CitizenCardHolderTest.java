package fr.paris.ledger.card;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.shared.Channel;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CitizenCardHolderTest {
    // 2026-03-10 at 23:30 UTC is already 2026-03-11 in Paris: the day of the act is Paris's.
    private static final Instant NOW = Instant.parse("2026-03-10T23:30:00Z");
    private static final ParticipantId ALICE = new ParticipantId("alice");
    private static final ParticipantId AGENT = new ParticipantId("agent-7");
    private static final CardHolderId HOLDER = CardHolderId.of(ALICE);
    private static final CardNumber CARD = new CardNumber("CC-0123456789");
    private static final CardNumber OTHER_CARD = new CardNumber("CC-ABCDEFGHJK");
    private static final PostalCode P11 = new PostalCode("75011");

    private FixtureConfiguration<CitizenCardHolder> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CitizenCardHolder.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static CitizenCardIssued issued(CardNumber card, PostalCode postalCode, int arrondissement) {
        return new CitizenCardIssued(ALICE, card, postalCode, arrondissement, 1990, 36, Channel.ONLINE, ALICE, NOW);
    }

    @Test
    void issues_a_card_to_a_parisian_aged_seven_or_more_recording_what_was_judged() {
        fixture.givenNoPriorActivity()
                .when(new IssueCitizenCard(HOLDER, CARD, LocalDate.of(1990, 6, 1), P11, Channel.ONLINE, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CitizenCardIssued(ALICE, CARD, P11, 11, 1990, 35, Channel.ONLINE, ALICE, NOW))
                .expectResultMessagePayload(new CitizenCardIssued(ALICE, CARD, P11, 11, 1990, 35, Channel.ONLINE, ALICE, NOW));
    }

    @Test
    void a_child_turning_seven_on_the_paris_day_of_the_request_is_old_enough() {
        // born 2019-03-11: seven on 2026-03-11, which it already is in Paris at NOW
        fixture.givenNoPriorActivity()
                .when(new IssueCitizenCard(HOLDER, CARD, LocalDate.of(2019, 3, 11), P11, Channel.ONLINE, ALICE))
                .expectEvents(new CitizenCardIssued(ALICE, CARD, P11, 11, 2019, 7, Channel.ONLINE, ALICE, NOW));
    }

    @Test
    void refuses_a_child_one_day_short_of_seven() {
        fixture.givenNoPriorActivity()
                .when(new IssueCitizenCard(HOLDER, CARD, LocalDate.of(2019, 3, 12), P11, Channel.ONLINE, ALICE))
                .expectNoEvents()
                .expectException(violation("card.too-young"));
    }

    @Test
    void refuses_someone_living_outside_paris() {
        fixture.givenNoPriorActivity()
                .when(new IssueCitizenCard(HOLDER, CARD, LocalDate.of(1990, 1, 1), new PostalCode("92100"), Channel.ONLINE, ALICE))
                .expectNoEvents()
                .expectException(violation("card.not-resident"));
    }

    @Test
    void postal_code_75116_is_the_sixteenth_arrondissement() {
        PostalCode p = new PostalCode("75116");
        fixture.givenNoPriorActivity()
                .when(new IssueCitizenCard(HOLDER, CARD, LocalDate.of(1990, 1, 1), p, Channel.ONLINE, ALICE))
                .expectEvents(new CitizenCardIssued(ALICE, CARD, p, 16, 1990, 36, Channel.ONLINE, ALICE, NOW));
    }

    @Test
    void an_agent_request_records_the_agent_and_the_channel() {
        fixture.givenNoPriorActivity()
                .when(new IssueCitizenCard(HOLDER, CARD, LocalDate.of(1950, 1, 1), P11, Channel.PHONE_3975, AGENT))
                .expectEvents(new CitizenCardIssued(ALICE, CARD, P11, 11, 1950, 76, Channel.PHONE_3975, AGENT, NOW));
    }

    @Test
    void refuses_a_second_active_card() {
        fixture.given(issued(CARD, P11, 11))
                .when(new IssueCitizenCard(HOLDER, OTHER_CARD, LocalDate.of(1990, 1, 1), P11, Channel.ONLINE, ALICE))
                .expectNoEvents()
                .expectException(violation("card.already-held"));
    }

    @Test
    void issues_a_new_card_after_the_previous_one_was_cancelled() {
        fixture.given(issued(CARD, P11, 11),
                        new CitizenCardCancelled(ALICE, CARD, CancellationCause.BY_HOLDER, null, null, ALICE, NOW))
                .when(new IssueCitizenCard(HOLDER, OTHER_CARD, LocalDate.of(1990, 1, 1), P11, Channel.ONLINE, ALICE))
                .expectEvents(new CitizenCardIssued(ALICE, OTHER_CARD, P11, 11, 1990, 36, Channel.ONLINE, ALICE, NOW));
    }

    @Test
    void the_holder_cancels_their_card() {
        fixture.given(issued(CARD, P11, 11))
                .when(new CancelCitizenCard(HOLDER, CARD, "no longer needed", ALICE, false))
                .expectEvents(new CitizenCardCancelled(ALICE, CARD, CancellationCause.BY_HOLDER, "no longer needed", null, ALICE, NOW));
    }

    @Test
    void an_agent_cancels_a_card() {
        fixture.given(issued(CARD, P11, 11))
                .when(new CancelCitizenCard(HOLDER, CARD, null, AGENT, true))
                .expectEvents(new CitizenCardCancelled(ALICE, CARD, CancellationCause.BY_AGENT, null, null, AGENT, NOW));
    }

    @Test
    void refuses_to_cancel_a_card_that_is_not_the_active_one() {
        fixture.given(issued(CARD, P11, 11))
                .when(new CancelCitizenCard(HOLDER, OTHER_CARD, null, ALICE, false))
                .expectNoEvents()
                .expectException(violation("card.not-found"));
    }

    @Test
    void refuses_to_cancel_an_already_cancelled_card() {
        fixture.given(issued(CARD, P11, 11),
                        new CitizenCardCancelled(ALICE, CARD, CancellationCause.BY_HOLDER, null, null, ALICE, NOW))
                .when(new CancelCitizenCard(HOLDER, CARD, null, ALICE, false))
                .expectNoEvents()
                .expectException(violation("card.not-found"));
    }

    @Test
    void a_move_within_paris_changes_the_arrondissement() {
        PostalCode p20 = new PostalCode("75020");
        fixture.given(issued(CARD, P11, 11))
                .when(new ChangeCardResidence(HOLDER, CARD, p20))
                .expectEvents(new CitizenCardResidenceChanged(ALICE, CARD, p20, 11, 20, NOW));
    }

    @Test
    void a_second_move_starts_from_the_arrondissement_of_the_first() {
        PostalCode p20 = new PostalCode("75020");
        PostalCode p5 = new PostalCode("75005");
        fixture.given(issued(CARD, P11, 11), new CitizenCardResidenceChanged(ALICE, CARD, p20, 11, 20, NOW))
                .when(new ChangeCardResidence(HOLDER, CARD, p5))
                .expectEvents(new CitizenCardResidenceChanged(ALICE, CARD, p5, 20, 5, NOW));
    }

    @Test
    void a_move_to_the_postal_code_already_recorded_changes_nothing() {
        PostalCode p20 = new PostalCode("75020");
        fixture.given(issued(CARD, P11, 11), new CitizenCardResidenceChanged(ALICE, CARD, p20, 11, 20, NOW))
                .when(new ChangeCardResidence(HOLDER, CARD, p20))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void moving_out_of_paris_cancels_the_card() {
        PostalCode lyon = new PostalCode("69001");
        fixture.given(issued(CARD, P11, 11))
                .when(new ChangeCardResidence(HOLDER, CARD, lyon))
                .expectEvents(new CitizenCardCancelled(ALICE, CARD, CancellationCause.MOVED_OUT_OF_PARIS, null, lyon, ALICE, NOW));
    }

    @Test
    void refuses_a_residence_change_without_an_active_card() {
        fixture.given(issued(CARD, P11, 11),
                        new CitizenCardCancelled(ALICE, CARD, CancellationCause.BY_HOLDER, null, null, ALICE, NOW))
                .when(new ChangeCardResidence(HOLDER, CARD, new PostalCode("75001")))
                .expectNoEvents()
                .expectException(violation("card.not-found"));
    }
}
