package fr.paris.ledger.application.benefit;

import fr.paris.ledger.benefit.CardEventId;
import fr.paris.ledger.shared.ParticipantId;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The events a card holder asked a place at (table {@code card_reservation_index}), written before the
 * reservation is sent, so that what must end a holder's reservations (their erasure, the cancellation
 * of their card) finds them at once, whatever the read models' lag. A row whose reservation was
 * refused only costs a command that finds nothing to end.
 */
public class ReservationIndex {
    private final JdbcTemplate jdbc;

    public ReservationIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(ParticipantId holder, CardEventId event) {
        jdbc.update("INSERT INTO card_reservation_index (holder, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                holder.value(), event.value());
    }

    /** The events the holder ever asked a place at, in id order. */
    public List<CardEventId> eventsOf(ParticipantId holder) {
        return jdbc.queryForList("SELECT event_id FROM card_reservation_index WHERE holder = ? ORDER BY event_id",
                String.class, holder.value()).stream().map(CardEventId::new).toList();
    }

    /** Forgets a holder's rows (their erasure). */
    public int forget(ParticipantId holder) {
        return jdbc.update("DELETE FROM card_reservation_index WHERE holder = ?", holder.value());
    }
}
