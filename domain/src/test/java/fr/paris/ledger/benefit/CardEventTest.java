package fr.paris.ledger.benefit;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation.Kind;
import fr.paris.ledger.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CardEventTest {
    private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");
    private static final Instant STARTS = Instant.parse("2027-03-20T18:30:00Z");
    private static final CardEventId EVENT = new CardEventId("visite-catacombes");
    /** Holders by their reference in the scope {@code card}; an agent by a staff reference. */
    private static final ParticipantId ALICE = new ParticipantId("r-alicealicealicealicealic");
    private static final ParticipantId BOB = new ParticipantId("r-bobbobbobbobbobbobbobbob");
    private static final ParticipantId CLARA = new ParticipantId("r-claraclaraclaraclaraclar");
    private static final ParticipantId DAVID = new ParticipantId("r-daviddaviddaviddaviddavi");
    private static final ParticipantId AGENT = new ParticipantId("s-agentagentagentagentagen");
    private static final String ALICE_CARD = "card-a";
    private static final String BOB_CARD = "card-b";
    private static final String CLARA_CARD = "card-c";
    private static final String DAVID_CARD = "card-d";

    private FixtureConfiguration<CardEvent> fixture;
    private MovableClock clock;

    @BeforeEach
    void setUp() {
        clock = new MovableClock(NOW);
        fixture = new AggregateTestFixture<>(CardEvent.class);
        fixture.registerInjectableResource(clock);
    }

    private static CardEventScheduled scheduled(int seats) {
        return new CardEventScheduled(EVENT, BenefitKind.WORKSHOP, "Atelier citoyen", STARTS, seats, AGENT, NOW);
    }

    private static ReservationConfirmed confirmed(ParticipantId holder, String card) {
        return new ReservationConfirmed(EVENT, holder, card, NOW);
    }

    private static ReservationWaitlisted waitlisted(ParticipantId holder, String card, int position) {
        return new ReservationWaitlisted(EVENT, holder, card, position, NOW);
    }

    // ---- scheduling

    @Test
    void schedules_an_event_that_has_not_started() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleCardEvent(EVENT, BenefitKind.WORKSHOP, "Atelier citoyen", STARTS, 2, AGENT))
                .expectEvents(scheduled(2))
                .expectResultMessagePayload(new Occupancy(2, 0, 0));
    }

    @Test
    void refuses_to_schedule_an_id_already_scheduled() {
        fixture.given(scheduled(2))
                .when(new ScheduleCardEvent(EVENT, BenefitKind.EVENT, "Another", STARTS, 5, AGENT))
                .expectNoEvents()
                .expectException(violation("benefit.event-exists", Kind.CONFLICT));
    }

    @Test
    void refuses_to_schedule_an_event_starting_now_or_earlier() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleCardEvent(EVENT, BenefitKind.EVENT, "Too late", NOW, 5, AGENT))
                .expectNoEvents()
                .expectException(violation("benefit.event-past", Kind.REFUSED));
    }

    // ---- reservations

    @Test
    void a_holder_gets_a_seat_while_seats_remain() {
        fixture.given(scheduled(2))
                .when(new ReserveSeat(EVENT, ALICE, ALICE_CARD))
                .expectEvents(confirmed(ALICE, ALICE_CARD))
                .expectResultMessagePayload(Reservation.confirmed());
    }

    @Test
    void once_the_seats_are_taken_holders_wait_in_the_order_their_requests_were_recorded() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD), waitlisted(BOB, BOB_CARD, 1))
                .when(new ReserveSeat(EVENT, CLARA, CLARA_CARD))
                .expectEvents(waitlisted(CLARA, CLARA_CARD, 2))
                .expectResultMessagePayload(Reservation.waitlisted(2));
    }

    @Test
    void an_event_with_no_seat_for_card_holders_has_a_waiting_list_only() {
        fixture.given(scheduled(0))
                .when(new ReserveSeat(EVENT, ALICE, ALICE_CARD))
                .expectEvents(waitlisted(ALICE, ALICE_CARD, 1));
    }

    @Test
    void refuses_a_second_reservation_of_a_seated_holder() {
        fixture.given(scheduled(2), confirmed(ALICE, ALICE_CARD))
                .when(new ReserveSeat(EVENT, ALICE, "card-a-new"))
                .expectNoEvents()
                .expectException(violation("benefit.already-reserved", Kind.CONFLICT));
    }

    @Test
    void refuses_a_second_reservation_of_a_waiting_holder() {
        fixture.given(scheduled(1), confirmed(BOB, BOB_CARD), waitlisted(ALICE, ALICE_CARD, 1))
                .when(new ReserveSeat(EVENT, ALICE, ALICE_CARD))
                .expectNoEvents()
                .expectException(violation("benefit.already-reserved", Kind.CONFLICT));
    }

    @Test
    void a_holder_who_cancelled_may_reserve_again_at_the_end_of_the_line() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD), waitlisted(BOB, BOB_CARD, 1),
                        new ReservationCancelled(EVENT, BOB, BOB_CARD, ReservationStatus.WAITLISTED, ReservationEnd.BY_HOLDER, NOW),
                        waitlisted(CLARA, CLARA_CARD, 1))
                .when(new ReserveSeat(EVENT, BOB, BOB_CARD))
                .expectEvents(waitlisted(BOB, BOB_CARD, 2));
    }

    @Test
    void refuses_a_reservation_once_the_event_has_started() {
        clock.set(STARTS);
        fixture.given(scheduled(2))
                .when(new ReserveSeat(EVENT, ALICE, ALICE_CARD))
                .expectNoEvents()
                .expectException(violation("benefit.event-past", Kind.REFUSED));
    }

    @Test
    void refuses_a_reservation_of_a_cancelled_event() {
        fixture.given(scheduled(2), new CardEventCancelled(EVENT, "rain", 0, 0, AGENT, NOW))
                .when(new ReserveSeat(EVENT, ALICE, ALICE_CARD))
                .expectNoEvents()
                .expectException(violation("benefit.event-cancelled", Kind.REFUSED));
    }

    // ---- cancellation by the holder

    @Test
    void a_cancelled_seat_goes_to_the_first_waiting_holder() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD), waitlisted(BOB, BOB_CARD, 1), waitlisted(CLARA, CLARA_CARD, 2))
                .when(new CancelReservation(EVENT, ALICE))
                .expectEvents(
                        new ReservationCancelled(EVENT, ALICE, ALICE_CARD, ReservationStatus.CONFIRMED, ReservationEnd.BY_HOLDER, NOW),
                        new ReservationPromoted(EVENT, BOB, BOB_CARD, NOW));
    }

    @Test
    void a_waiting_holder_who_cancels_promotes_nobody() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD), waitlisted(BOB, BOB_CARD, 1), waitlisted(CLARA, CLARA_CARD, 2))
                .when(new CancelReservation(EVENT, BOB))
                .expectEvents(
                        new ReservationCancelled(EVENT, BOB, BOB_CARD, ReservationStatus.WAITLISTED, ReservationEnd.BY_HOLDER, NOW));
    }

    @Test
    void after_a_waiting_holder_left_the_next_one_moves_up() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD), waitlisted(BOB, BOB_CARD, 1), waitlisted(CLARA, CLARA_CARD, 2),
                        new ReservationCancelled(EVENT, BOB, BOB_CARD, ReservationStatus.WAITLISTED, ReservationEnd.BY_HOLDER, NOW))
                .when(new CancelReservation(EVENT, ALICE))
                .expectEvents(
                        new ReservationCancelled(EVENT, ALICE, ALICE_CARD, ReservationStatus.CONFIRMED, ReservationEnd.BY_HOLDER, NOW),
                        new ReservationPromoted(EVENT, CLARA, CLARA_CARD, NOW));
    }

    @Test
    void refuses_to_cancel_without_a_reservation() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD),
                        new ReservationCancelled(EVENT, ALICE, ALICE_CARD, ReservationStatus.CONFIRMED, ReservationEnd.BY_HOLDER, NOW))
                .when(new CancelReservation(EVENT, ALICE))
                .expectNoEvents()
                .expectException(violation("benefit.no-reservation", Kind.NOT_FOUND));
    }

    @Test
    void refuses_a_cancellation_once_the_event_has_started() {
        clock.set(STARTS.plusSeconds(1));
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD))
                .when(new CancelReservation(EVENT, ALICE))
                .expectNoEvents()
                .expectException(violation("benefit.event-past", Kind.REFUSED));
    }

    @Test
    void refuses_a_cancellation_of_a_reservation_of_a_cancelled_event() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD), new CardEventCancelled(EVENT, "rain", 1, 0, AGENT, NOW))
                .when(new CancelReservation(EVENT, ALICE))
                .expectNoEvents()
                .expectException(violation("benefit.event-cancelled", Kind.REFUSED));
    }

    // ---- seats

    @Test
    void added_seats_promote_waiting_holders_in_order() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD), waitlisted(BOB, BOB_CARD, 1), waitlisted(CLARA, CLARA_CARD, 2),
                        waitlisted(DAVID, DAVID_CARD, 3))
                .when(new ChangeCardEventSeats(EVENT, 3, AGENT))
                .expectEvents(
                        new CardEventSeatsChanged(EVENT, 1, 3, AGENT, NOW),
                        new ReservationPromoted(EVENT, BOB, BOB_CARD, NOW),
                        new ReservationPromoted(EVENT, CLARA, CLARA_CARD, NOW))
                .expectResultMessagePayload(new Occupancy(3, 3, 1));
    }

    @Test
    void more_seats_than_waiting_holders_leave_seats_free() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD), waitlisted(BOB, BOB_CARD, 1))
                .when(new ChangeCardEventSeats(EVENT, 5, AGENT))
                .expectEvents(new CardEventSeatsChanged(EVENT, 1, 5, AGENT, NOW), new ReservationPromoted(EVENT, BOB, BOB_CARD, NOW))
                .expectResultMessagePayload(new Occupancy(5, 2, 0));
    }

    @Test
    void seats_may_drop_to_the_confirmed_count() {
        fixture.given(scheduled(5), confirmed(ALICE, ALICE_CARD), confirmed(BOB, BOB_CARD))
                .when(new ChangeCardEventSeats(EVENT, 2, AGENT))
                .expectEvents(new CardEventSeatsChanged(EVENT, 5, 2, AGENT, NOW))
                .expectResultMessagePayload(new Occupancy(2, 2, 0));
    }

    @Test
    void refuses_fewer_seats_than_already_confirmed() {
        fixture.given(scheduled(5), confirmed(ALICE, ALICE_CARD), confirmed(BOB, BOB_CARD))
                .when(new ChangeCardEventSeats(EVENT, 1, AGENT))
                .expectNoEvents()
                .expectException(violation("benefit.seats-below-confirmed", Kind.REFUSED));
    }

    @Test
    void the_same_number_of_seats_changes_nothing() {
        fixture.given(scheduled(2))
                .when(new ChangeCardEventSeats(EVENT, 2, AGENT))
                .expectNoEvents()
                .expectResultMessagePayload(new Occupancy(2, 0, 0));
    }

    @Test
    void after_seats_were_reduced_a_freed_seat_still_goes_to_the_first_waiting_holder() {
        fixture.given(scheduled(3), confirmed(ALICE, ALICE_CARD), confirmed(BOB, BOB_CARD),
                        new CardEventSeatsChanged(EVENT, 3, 2, AGENT, NOW), waitlisted(CLARA, CLARA_CARD, 1))
                .when(new CancelReservation(EVENT, ALICE))
                .expectEvents(
                        new ReservationCancelled(EVENT, ALICE, ALICE_CARD, ReservationStatus.CONFIRMED, ReservationEnd.BY_HOLDER, NOW),
                        new ReservationPromoted(EVENT, CLARA, CLARA_CARD, NOW));
    }

    @Test
    void refuses_a_change_of_seats_once_the_event_has_started() {
        clock.set(STARTS);
        fixture.given(scheduled(2))
                .when(new ChangeCardEventSeats(EVENT, 4, AGENT))
                .expectNoEvents()
                .expectException(violation("benefit.event-past", Kind.REFUSED));
    }

    @Test
    void refuses_a_change_of_seats_of_a_cancelled_event() {
        fixture.given(scheduled(2), new CardEventCancelled(EVENT, "rain", 0, 0, AGENT, NOW))
                .when(new ChangeCardEventSeats(EVENT, 4, AGENT))
                .expectNoEvents()
                .expectException(violation("benefit.event-cancelled", Kind.REFUSED));
    }

    // ---- cancelling the event

    @Test
    void a_cancelled_event_ends_every_reservation() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD), waitlisted(BOB, BOB_CARD, 1))
                .when(new CancelCardEvent(EVENT, "the venue is closed", AGENT))
                .expectEvents(new CardEventCancelled(EVENT, "the venue is closed", 1, 1, AGENT, NOW))
                .expectResultMessagePayload(new Occupancy(1, 0, 0));
    }

    @Test
    void refuses_to_cancel_an_event_twice() {
        fixture.given(scheduled(1), new CardEventCancelled(EVENT, "rain", 0, 0, AGENT, NOW))
                .when(new CancelCardEvent(EVENT, "again", AGENT))
                .expectNoEvents()
                .expectException(violation("benefit.event-cancelled", Kind.REFUSED));
    }

    @Test
    void refuses_to_cancel_an_event_that_has_started() {
        clock.set(STARTS.plus(Duration.ofHours(1)));
        fixture.given(scheduled(1))
                .when(new CancelCardEvent(EVENT, "too late", AGENT))
                .expectNoEvents()
                .expectException(violation("benefit.event-past", Kind.REFUSED));
    }

    // ---- a cancelled card

    @Test
    void a_cancelled_card_ends_its_seat_and_the_first_waiting_holder_gets_it() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD), waitlisted(BOB, BOB_CARD, 1))
                .when(new EndCardReservation(EVENT, ALICE, ALICE_CARD))
                .expectEvents(
                        new ReservationCancelled(EVENT, ALICE, ALICE_CARD, ReservationStatus.CONFIRMED, ReservationEnd.CARD_CANCELLED, NOW),
                        new ReservationPromoted(EVENT, BOB, BOB_CARD, NOW));
    }

    @Test
    void a_cancelled_card_ends_its_place_on_the_waiting_list() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD), waitlisted(BOB, BOB_CARD, 1))
                .when(new EndCardReservation(EVENT, BOB, BOB_CARD))
                .expectEvents(
                        new ReservationCancelled(EVENT, BOB, BOB_CARD, ReservationStatus.WAITLISTED, ReservationEnd.CARD_CANCELLED, NOW));
    }

    @Test
    void a_reservation_made_with_a_newer_card_is_not_ended_by_the_old_one() {
        fixture.given(scheduled(1), confirmed(ALICE, "card-a-new"))
                .when(new EndCardReservation(EVENT, ALICE, ALICE_CARD))
                .expectNoEvents()
                .expectException(violation("benefit.nothing-to-end"));
    }

    @Test
    void a_cancelled_card_leaves_the_reservations_of_an_event_that_has_started() {
        clock.set(STARTS);
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD))
                .when(new EndCardReservation(EVENT, ALICE, ALICE_CARD))
                .expectNoEvents()
                .expectException(violation("benefit.nothing-to-end"));
    }

    @Test
    void ending_a_card_reservation_twice_writes_it_once() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD),
                        new ReservationCancelled(EVENT, ALICE, ALICE_CARD, ReservationStatus.CONFIRMED, ReservationEnd.CARD_CANCELLED, NOW))
                .when(new EndCardReservation(EVENT, ALICE, ALICE_CARD))
                .expectNoEvents()
                .expectException(violation("benefit.nothing-to-end"));
    }

    @Test
    void a_cancelled_event_has_nothing_left_to_end() {
        fixture.given(scheduled(1), confirmed(ALICE, ALICE_CARD), new CardEventCancelled(EVENT, "rain", 1, 0, AGENT, NOW))
                .when(new EndCardReservation(EVENT, ALICE, ALICE_CARD))
                .expectNoEvents()
                .expectException(violation("benefit.nothing-to-end"));
    }
}
