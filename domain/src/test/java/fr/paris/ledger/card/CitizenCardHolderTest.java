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
    /** The holder's reference in the scope {@code card}, never an identity. */
    private static final ParticipantId ALICE = new ParticipantId("r-k3mf7q2xwz9v4tbn8c6hjd5rpa");
    /** An agent's staff reference. */
    private static final ParticipantId AGENT = new ParticipantId("s-7gq2m4xk8d3vbn6wtz9c5hjrfe");
    private static final CardHolderId HOLDER = CardHolderId.of(ALICE);
    /** Random card ids: the number printed on the card is never in the log. */
    private static final String CARD = "card-5t8w2m9q4x7k3b6n";
    private static final String OTHER_CARD = "card-h4v9c2r7p5z8m3q6";
    private static final PostalCode P11 = new PostalCode("75011");

    private FixtureConfiguration<CitizenCardHolder> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CitizenCardHolder.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static CitizenCardIssued issued(String card, int arrondissement) {
        return new CitizenCardIssued(ALICE, card, arrondissement, "30-44", Channel.ONLINE, ALICE, NOW);
    }

    @Test
    void issues_a_card_to_a_parisian_aged_seven_or_more_recording_only_the_arrondissement_and_age_band() {
        fixture.givenNoPriorActivity()
                .when(new IssueCitizenCard(HOLDER, CARD, LocalDate.of(1990, 6, 1), P11, Channel.ONLINE, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CitizenCardIssued(ALICE, CARD, 11, "30-44", Channel.ONLINE, ALICE, NOW))
                .expectResultMessagePayload(new CitizenCardIssued(ALICE, CARD, 11, "30-44", Channel.ONLINE, ALICE, NOW));
    }

    @Test
    void a_child_turning_seven_on_the_paris_day_of_the_request_is_old_enough() {
        // born 2019-03-11: seven on 2026-03-11, which it already is in Paris at NOW
        fixture.givenNoPriorActivity()
                .when(new IssueCitizenCard(HOLDER, CARD, LocalDate.of(2019, 3, 11), P11, Channel.ONLINE, ALICE))
                .expectEvents(new CitizenCardIssued(ALICE, CARD, 11, "7-14", Channel.ONLINE, ALICE, NOW));
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
                .expectEvents(new CitizenCardIssued(ALICE, CARD, 16, "30-44", Channel.ONLINE, ALICE, NOW));
    }

    @Test
    void an_agent_request_records_the_agent_and_the_channel() {
        fixture.givenNoPriorActivity()
                .when(new IssueCitizenCard(HOLDER, CARD, LocalDate.of(1950, 1, 1), P11, Channel.PHONE_3975, AGENT))
                .expectEvents(new CitizenCardIssued(ALICE, CARD, 11, "75+", Channel.PHONE_3975, AGENT, NOW));
    }

    @Test
    void refuses_a_second_active_card() {
        fixture.given(issued(CARD, 11))
                .when(new IssueCitizenCard(HOLDER, OTHER_CARD, LocalDate.of(1990, 1, 1), P11, Channel.ONLINE, ALICE))
                .expectNoEvents()
                .expectException(violation("card.already-held"));
    }

    @Test
    void issues_a_new_card_after_the_previous_one_was_cancelled() {
        fixture.given(issued(CARD, 11),
                        new CitizenCardCancelled(ALICE, CARD, CancellationCause.BY_HOLDER, null, ALICE, NOW))
                .when(new IssueCitizenCard(HOLDER, OTHER_CARD, LocalDate.of(1990, 1, 1), P11, Channel.ONLINE, ALICE))
                .expectEvents(new CitizenCardIssued(ALICE, OTHER_CARD, 11, "30-44", Channel.ONLINE, ALICE, NOW));
    }

    @Test
    void the_holder_cancels_their_card_and_their_own_reason_is_not_recorded() {
        // free text by a citizen is not a public record: the holder's reason stays out of the log
        fixture.given(issued(CARD, 11))
                .when(new CancelCitizenCard(HOLDER, CARD, "I moved in with my partner in the 20th", ALICE, false))
                .expectEvents(new CitizenCardCancelled(ALICE, CARD, CancellationCause.BY_HOLDER, null, ALICE, NOW));
    }

    @Test
    void an_agent_cancels_a_card_and_the_agent_reason_is_recorded() {
        fixture.given(issued(CARD, 11))
                .when(new CancelCitizenCard(HOLDER, CARD, "card reported stolen", AGENT, true))
                .expectEvents(new CitizenCardCancelled(ALICE, CARD, CancellationCause.BY_AGENT, "card reported stolen", AGENT, NOW));
    }

    @Test
    void an_agent_cancels_a_card_without_a_reason() {
        fixture.given(issued(CARD, 11))
                .when(new CancelCitizenCard(HOLDER, CARD, null, AGENT, true))
                .expectEvents(new CitizenCardCancelled(ALICE, CARD, CancellationCause.BY_AGENT, null, AGENT, NOW));
    }

    @Test
    void refuses_to_cancel_a_card_that_is_not_the_active_one() {
        fixture.given(issued(CARD, 11))
                .when(new CancelCitizenCard(HOLDER, OTHER_CARD, null, ALICE, false))
                .expectNoEvents()
                .expectException(violation("card.not-found"));
    }

    @Test
    void refuses_to_cancel_an_already_cancelled_card() {
        fixture.given(issued(CARD, 11),
                        new CitizenCardCancelled(ALICE, CARD, CancellationCause.BY_HOLDER, null, ALICE, NOW))
                .when(new CancelCitizenCard(HOLDER, CARD, null, ALICE, false))
                .expectNoEvents()
                .expectException(violation("card.not-found"));
    }

    @Test
    void a_move_within_paris_changes_the_arrondissement() {
        PostalCode p20 = new PostalCode("75020");
        fixture.given(issued(CARD, 11))
                .when(new ChangeCardResidence(HOLDER, CARD, p20))
                .expectEvents(new CitizenCardResidenceChanged(ALICE, CARD, 11, 20, NOW));
    }

    @Test
    void a_second_move_starts_from_the_arrondissement_of_the_first() {
        PostalCode p20 = new PostalCode("75020");
        PostalCode p5 = new PostalCode("75005");
        fixture.given(issued(CARD, 11), new CitizenCardResidenceChanged(ALICE, CARD, 11, 20, NOW))
                .when(new ChangeCardResidence(HOLDER, CARD, p5))
                .expectEvents(new CitizenCardResidenceChanged(ALICE, CARD, 20, 5, NOW));
    }

    @Test
    void a_move_to_the_arrondissement_already_recorded_changes_nothing() {
        // a retried request: the arrondissement of the last change is the one already recorded
        PostalCode p20 = new PostalCode("75020");
        fixture.given(issued(CARD, 11), new CitizenCardResidenceChanged(ALICE, CARD, 11, 20, NOW))
                .when(new ChangeCardResidence(HOLDER, CARD, p20))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_move_within_the_same_arrondissement_records_nothing() {
        // the postal code is not kept: 75116 and 75016 are both the sixteenth, so nothing changes in the log
        fixture.given(issued(CARD, 16))
                .when(new ChangeCardResidence(HOLDER, CARD, new PostalCode("75016")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(issued(CARD, 11))
                .when(new ChangeCardResidence(HOLDER, CARD, P11))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_move_back_after_a_move_records_the_change() {
        PostalCode p20 = new PostalCode("75020");
        fixture.given(issued(CARD, 11), new CitizenCardResidenceChanged(ALICE, CARD, 11, 20, NOW))
                .when(new ChangeCardResidence(HOLDER, CARD, P11))
                .expectEvents(new CitizenCardResidenceChanged(ALICE, CARD, 20, 11, NOW));
    }

    @Test
    void moving_out_of_paris_cancels_the_card() {
        PostalCode lyon = new PostalCode("69001");
        fixture.given(issued(CARD, 11))
                .when(new ChangeCardResidence(HOLDER, CARD, lyon))
                .expectEvents(new CitizenCardCancelled(ALICE, CARD, CancellationCause.MOVED_OUT_OF_PARIS, null, ALICE, NOW));
    }

    @Test
    void refuses_a_residence_change_for_a_card_that_is_not_the_active_one() {
        fixture.given(issued(CARD, 11))
                .when(new ChangeCardResidence(HOLDER, OTHER_CARD, new PostalCode("75001")))
                .expectNoEvents()
                .expectException(violation("card.not-found"));
    }

    @Test
    void refuses_a_residence_change_without_an_active_card() {
        fixture.given(issued(CARD, 11),
                        new CitizenCardCancelled(ALICE, CARD, CancellationCause.BY_HOLDER, null, ALICE, NOW))
                .when(new ChangeCardResidence(HOLDER, CARD, new PostalCode("75001")))
                .expectNoEvents()
                .expectException(violation("card.not-found"));
    }
}
