package fr.paris.ledger.projections.card;

import fr.paris.ledger.card.CitizenCardCancelled;
import fr.paris.ledger.card.CitizenCardIssued;
import fr.paris.ledger.card.CitizenCardResidenceChanged;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps table {@code citizen_card} in step with the card events. Handlers are idempotent (an event
 * seen twice leaves the same row), so a replay rebuilds the same table.
 */
@Component
@ProcessingGroup(CitizenCardProjection.NAME)
public class CitizenCardProjection {
    public static final String NAME = "citizen-cards";

    private final JdbcTemplate jdbc;

    public CitizenCardProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CitizenCardIssued e) {
        jdbc.update("""
                INSERT INTO citizen_card (card_id, participant_id, status, arrondissement, age_band, channel, issued_at)
                VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?) ON CONFLICT (card_id) DO NOTHING""",
                e.cardId(), e.participantId().value(), e.arrondissement(), e.ageBand(), e.channel().name(),
                Timestamp.from(e.issuedAt()));
    }

    @EventHandler
    void on(CitizenCardCancelled e) {
        jdbc.update("UPDATE citizen_card SET status = 'CANCELLED', cancelled_at = ?, cancellation = ? WHERE card_id = ?",
                Timestamp.from(e.cancelledAt()), e.cause().name(), e.cardId());
    }

    @EventHandler
    void on(CitizenCardResidenceChanged e) {
        jdbc.update("UPDATE citizen_card SET arrondissement = ? WHERE card_id = ?", e.toArrondissement(), e.cardId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM citizen_card");
    }
}
