package fr.paris.ledger.projections.benefit;

import fr.paris.ledger.benefit.CardEventCancelled;
import fr.paris.ledger.benefit.CardEventId;
import fr.paris.ledger.benefit.CardEventScheduled;
import fr.paris.ledger.benefit.CardEventSeatsChanged;
import fr.paris.ledger.benefit.ReservationCancelled;
import fr.paris.ledger.benefit.ReservationConfirmed;
import fr.paris.ledger.benefit.ReservationPromoted;
import fr.paris.ledger.benefit.ReservationStatus;
import fr.paris.ledger.benefit.ReservationWaitlisted;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code card_event} (an event's seats and counts) and {@code card_reservation} (each holder's
 * status) in step with the card-event events. The events of one event come in their stream's order
 * (Axon's default sequencing: per aggregate); each is applied once: a handler first moves the event's
 * {@code last_sequence} forward, and does nothing when it was already there, so a replayed or
 * redelivered event changes no count.
 */
@Component
@ProcessingGroup(CardBenefitProjection.NAME)
public class CardBenefitProjection {
    public static final String NAME = "card-benefits";

    private final JdbcTemplate jdbc;

    public CardBenefitProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CardEventScheduled e, @SequenceNumber long sequence) {
        jdbc.update("""
                INSERT INTO card_event (event_id, kind, title, starts_at, seats, scheduled_at, last_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""",
                e.eventId().value(), e.kind().name(), e.title(), Timestamp.from(e.startsAt()), e.seats(),
                Timestamp.from(e.scheduledAt()), sequence);
    }

    @EventHandler
    void on(CardEventSeatsChanged e, @SequenceNumber long sequence) {
        jdbc.update("UPDATE card_event SET seats = ?, last_sequence = ? WHERE event_id = ? AND last_sequence < ?",
                e.toSeats(), sequence, e.eventId().value(), sequence);
    }

    @EventHandler
    void on(CardEventCancelled e, @SequenceNumber long sequence) {
        if (jdbc.update("""
                UPDATE card_event SET cancelled = true, cancelled_at = ?, confirmed = 0, waitlisted = 0, last_sequence = ?
                WHERE event_id = ? AND last_sequence < ?""",
                Timestamp.from(e.cancelledAt()), sequence, e.eventId().value(), sequence) == 1) {
            jdbc.update("""
                    UPDATE card_reservation SET status = 'CANCELLED', cancellation = 'EVENT_CANCELLED', queue = NULL, changed_at = ?
                    WHERE event_id = ? AND status <> 'CANCELLED'""", Timestamp.from(e.cancelledAt()), e.eventId().value());
        }
    }

    @EventHandler
    void on(ReservationConfirmed e, @SequenceNumber long sequence) {
        if (advance(e.eventId(), sequence, 1, 0)) {
            reserve(e.eventId(), e.participantId().value(), e.cardId(), "CONFIRMED", null, Timestamp.from(e.reservedAt()));
        }
    }

    @EventHandler
    void on(ReservationWaitlisted e, @SequenceNumber long sequence) {
        if (advance(e.eventId(), sequence, 0, 1)) {
            reserve(e.eventId(), e.participantId().value(), e.cardId(), "WAITLISTED", sequence, Timestamp.from(e.waitlistedAt()));
        }
    }

    @EventHandler
    void on(ReservationPromoted e, @SequenceNumber long sequence) {
        if (advance(e.eventId(), sequence, 1, -1)) {
            jdbc.update("""
                    UPDATE card_reservation SET status = 'CONFIRMED', queue = NULL, changed_at = ?
                    WHERE event_id = ? AND participant_id = ?""",
                    Timestamp.from(e.promotedAt()), e.eventId().value(), e.participantId().value());
        }
    }

    @EventHandler
    void on(ReservationCancelled e, @SequenceNumber long sequence) {
        boolean seated = e.status() == ReservationStatus.CONFIRMED;
        if (advance(e.eventId(), sequence, seated ? -1 : 0, seated ? 0 : -1)) {
            jdbc.update("""
                    UPDATE card_reservation SET status = 'CANCELLED', cancellation = ?, queue = NULL, changed_at = ?
                    WHERE event_id = ? AND participant_id = ?""",
                    e.cause().name(), Timestamp.from(e.cancelledAt()), e.eventId().value(), e.participantId().value());
        }
    }

    /** Moves the event's counts and position forward; false when this event was applied already. */
    private boolean advance(CardEventId event, long sequence, int confirmed, int waitlisted) {
        return jdbc.update("""
                UPDATE card_event SET confirmed = confirmed + ?, waitlisted = waitlisted + ?, last_sequence = ?
                WHERE event_id = ? AND last_sequence < ?""", confirmed, waitlisted, sequence, event.value(), sequence) == 1;
    }

    /** The holder's row: a first reservation, or a new one after they cancelled theirs. */
    private void reserve(CardEventId event, String holder, String cardId, String status, Long queue, Timestamp at) {
        jdbc.update("""
                INSERT INTO card_reservation (event_id, participant_id, card_id, status, queue, requested_at, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id, participant_id) DO UPDATE SET card_id = excluded.card_id, status = excluded.status,
                    queue = excluded.queue, requested_at = excluded.requested_at, changed_at = excluded.changed_at,
                    cancellation = NULL""",
                event.value(), holder, cardId, status, queue, at, at);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM card_reservation");
        jdbc.update("DELETE FROM card_event");
    }
}
