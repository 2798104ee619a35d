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
                INSERT INTO citizen_card (card_number, participant_id, status, postal_code, arrondissement,
                                          birth_year, channel, issued_at)
                VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?) ON CONFLICT (card_number) DO NOTHING""",
                e.cardNumber().value(), e.participantId().value(), e.postalCode().value(), e.arrondissement(),
                e.birthYear(), e.channel().name(), Timestamp.from(e.issuedAt()));
    }

    @EventHandler
    void on(CitizenCardCancelled e) {
        jdbc.update("""
                UPDATE citizen_card SET status = 'CANCELLED', cancelled_at = ?, cancellation = ?,
                       postal_code = COALESCE(?, postal_code)
                WHERE card_number = ?""",
                Timestamp.from(e.cancelledAt()), e.cause().name(),
                e.newPostalCode() == null ? null : e.newPostalCode().value(), e.cardNumber().value());
    }

    @EventHandler
    void on(CitizenCardResidenceChanged e) {
        jdbc.update("UPDATE citizen_card SET postal_code = ?, arrondissement = ? WHERE card_number = ?",
                e.postalCode().value(), e.toArrondissement(), e.cardNumber().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM citizen_card");
    }
}
