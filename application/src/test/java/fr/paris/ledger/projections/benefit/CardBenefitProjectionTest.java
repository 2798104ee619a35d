package fr.paris.ledger.projections.benefit;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.benefit.BenefitKind;
import fr.paris.ledger.benefit.CardEventCancelled;
import fr.paris.ledger.benefit.CardEventId;
import fr.paris.ledger.benefit.CardEventScheduled;
import fr.paris.ledger.benefit.CardEventSeatsChanged;
import fr.paris.ledger.benefit.ReservationCancelled;
import fr.paris.ledger.benefit.ReservationConfirmed;
import fr.paris.ledger.benefit.ReservationEnd;
import fr.paris.ledger.benefit.ReservationPromoted;
import fr.paris.ledger.benefit.ReservationStatus;
import fr.paris.ledger.benefit.ReservationWaitlisted;
import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The card-benefit projection fed its events directly (no command, no event store), on the real
 * PostgreSQL tables of the test context, with the sequence numbers the events would have in their
 * stream. Each test uses an event id of its own.
 */
@LedgerIntegrationTest
class CardBenefitProjectionTest {
    private static final Instant AT = Instant.parse("2027-02-01T09:00:00Z");
    private static final Instant STARTS = Instant.parse("2999-02-20T18:00:00Z");
    private static final ParticipantId AGENT = new ParticipantId("s-agent");
    private static final ParticipantId A = new ParticipantId("r-proj-a");
    private static final ParticipantId B = new ParticipantId("r-proj-b");
    private static final ParticipantId C = new ParticipantId("r-proj-c");

    @Autowired
    CardBenefitProjection projection;
    @Autowired
    CardBenefitQueries queries;

    private CardEventView event(CardEventId id) {
        return queries.event(id.value()).orElseThrow(() -> new AssertionError("no row for " + id));
    }

    private ReservationView reservation(CardEventId id, ParticipantId holder) {
        return queries.reservation(id.value(), holder.value()).orElseThrow(() -> new AssertionError("no reservation"));
    }

    private void schedule(CardEventId id, int seats) {
        projection.on(new CardEventScheduled(id, BenefitKind.EVENT, "Visite", STARTS, seats, AGENT, AT), 0);
    }

    @Test
    void counts_and_each_holders_status_follow_the_events_and_a_replayed_event_changes_nothing() {
        CardEventId id = new CardEventId("proj-counts");
        schedule(id, 1);
        projection.on(new ReservationConfirmed(id, A, "card-a", AT), 1);
        ReservationWaitlisted bWaits = new ReservationWaitlisted(id, B, "card-b", 1, AT);
        projection.on(bWaits, 2);
        projection.on(new ReservationWaitlisted(id, C, "card-c", 2, AT), 3);
        // delivered again (a retried batch): nothing moves
        projection.on(bWaits, 2);
        projection.on(new ReservationConfirmed(id, A, "card-a", AT), 1);

        assertThat(event(id)).isEqualTo(new CardEventView(id.value(), "EVENT", "Visite", STARTS, 1, 1, 2, "SCHEDULED"));
        assertThat(reservation(id, A)).isEqualTo(new ReservationView(id.value(), "CONFIRMED", null, null));
        assertThat(reservation(id, B)).isEqualTo(new ReservationView(id.value(), "WAITLISTED", 1, null));
        assertThat(reservation(id, C)).isEqualTo(new ReservationView(id.value(), "WAITLISTED", 2, null));

        projection.on(new ReservationCancelled(id, A, "card-a", ReservationStatus.CONFIRMED, ReservationEnd.BY_HOLDER, AT), 4);
        projection.on(new ReservationPromoted(id, B, "card-b", AT), 5);
        projection.on(new ReservationPromoted(id, B, "card-b", AT), 5);

        assertThat(event(id).confirmed()).isEqualTo(1);
        assertThat(event(id).waitlisted()).isEqualTo(1);
        assertThat(reservation(id, A)).isEqualTo(new ReservationView(id.value(), "CANCELLED", null, "BY_HOLDER"));
        assertThat(reservation(id, B).status()).isEqualTo("CONFIRMED");
        assertThat(reservation(id, C)).isEqualTo(new ReservationView(id.value(), "WAITLISTED", 1, null));
        assertThat(queries.appliedSequence(id.value())).isEqualTo(5);

        // A asks again: a new row state, at the end of the line
        projection.on(new ReservationWaitlisted(id, A, "card-a", 2, AT), 6);
        assertThat(reservation(id, A)).isEqualTo(new ReservationView(id.value(), "WAITLISTED", 2, null));
        assertThat(event(id).waitlisted()).isEqualTo(2);
    }

    @Test
    void added_seats_and_a_card_cancellation_move_the_counts() {
        CardEventId id = new CardEventId("proj-seats");
        schedule(id, 1);
        projection.on(new ReservationConfirmed(id, A, "card-a", AT), 1);
        projection.on(new ReservationWaitlisted(id, B, "card-b", 1, AT), 2);
        projection.on(new CardEventSeatsChanged(id, 1, 3, AGENT, AT), 3);
        projection.on(new ReservationPromoted(id, B, "card-b", AT), 4);
        projection.on(new ReservationCancelled(id, A, "card-a", ReservationStatus.CONFIRMED, ReservationEnd.CARD_CANCELLED, AT), 5);

        assertThat(event(id)).isEqualTo(new CardEventView(id.value(), "EVENT", "Visite", STARTS, 3, 1, 0, "SCHEDULED"));
        assertThat(reservation(id, A).cancellation()).isEqualTo("CARD_CANCELLED");
    }

    @Test
    void a_cancelled_event_ends_every_reservation_in_the_read_model() {
        CardEventId id = new CardEventId("proj-cancelled");
        schedule(id, 1);
        projection.on(new ReservationConfirmed(id, A, "card-a", AT), 1);
        projection.on(new ReservationWaitlisted(id, B, "card-b", 1, AT), 2);
        projection.on(new CardEventCancelled(id, "rain", 1, 1, AGENT, AT), 3);

        assertThat(event(id)).isEqualTo(new CardEventView(id.value(), "EVENT", "Visite", STARTS, 1, 0, 0, "CANCELLED"));
        assertThat(reservation(id, A)).isEqualTo(new ReservationView(id.value(), "CANCELLED", null, "EVENT_CANCELLED"));
        assertThat(reservation(id, B)).isEqualTo(new ReservationView(id.value(), "CANCELLED", null, "EVENT_CANCELLED"));
    }
}
