package fr.paris.ledger.projections.petition;

import fr.paris.ledger.petition.PetitionClosed;
import fr.paris.ledger.petition.PetitionCommented;
import fr.paris.ledger.petition.PetitionDeclined;
import fr.paris.ledger.petition.PetitionFiled;
import fr.paris.ledger.petition.PetitionPlacedOnCouncilAgenda;
import fr.paris.ledger.petition.PetitionPublished;
import fr.paris.ledger.petition.PetitionRejected;
import fr.paris.ledger.petition.PetitionWithdrawn;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps tables {@code petition}, {@code petition_history} and {@code petition_comment} in step with the petition events. */
@Component
@ProcessingGroup(PetitionProjection.NAME)
public class PetitionProjection {
    public static final String NAME = "petitions";

    private final JdbcTemplate jdbc;
    private final PetitionViewCache pages;

    public PetitionProjection(JdbcTemplate jdbc, PetitionViewCache pages) {
        this.jdbc = jdbc;
        this.pages = pages;
    }

    @EventHandler
    void on(PetitionFiled e) {
        jdbc.update("""
                INSERT INTO petition (petition_id, author, title, text, category, arrondissement, status, filed_at)
                VALUES (?, ?, ?, ?, ?, ?, 'PENDING_MODERATION', ?) ON CONFLICT (petition_id) DO NOTHING""",
                e.petitionId().value(), e.author().value(), e.title(), e.text(), e.category(),
                e.arrondissement() == null ? null : e.arrondissement().shortValue(), ts(e.filedAt()));
        history(e.petitionId().value(), e.filedAt(), "FILED");
    }

    @EventHandler
    void on(PetitionPublished e) {
        jdbc.update("UPDATE petition SET status = 'OPEN', opens_at = ?, closes_at = ? WHERE petition_id = ?",
                ts(e.opensAt()), ts(e.closesAt()), e.petitionId().value());
        history(e.petitionId().value(), e.opensAt(), "PUBLISHED");
    }

    @EventHandler
    void on(PetitionRejected e) {
        jdbc.update("UPDATE petition SET status = 'REJECTED', moderation_reason = ? WHERE petition_id = ?",
                e.reason(), e.petitionId().value());
        history(e.petitionId().value(), e.rejectedAt(), "REJECTED");
    }

    @EventHandler
    void on(PetitionWithdrawn e) {
        jdbc.update("UPDATE petition SET status = 'WITHDRAWN', withdrawal_reason = ?, ended_at = ? WHERE petition_id = ?",
                e.reason(), ts(e.withdrawnAt()), e.petitionId().value());
        history(e.petitionId().value(), e.withdrawnAt(), "WITHDRAWN");
    }

    @EventHandler
    void on(PetitionClosed e) {
        jdbc.update("UPDATE petition SET status = 'CLOSED' WHERE petition_id = ? AND status = 'OPEN'", e.petitionId().value());
        history(e.petitionId().value(), e.closedAt(), "CLOSED");
    }

    @EventHandler
    void on(PetitionPlacedOnCouncilAgenda e) {
        jdbc.update("""
                UPDATE petition SET status = 'ON_COUNCIL_AGENDA', council_session = ?, decided_at = ?,
                       ended_at = LEAST(closes_at, ?) WHERE petition_id = ?""",
                Date.valueOf(e.councilSession()), ts(e.decidedAt()), ts(e.decidedAt()), e.petitionId().value());
        history(e.petitionId().value(), e.decidedAt(), "PLACED_ON_COUNCIL_AGENDA");
    }

    @EventHandler
    void on(PetitionDeclined e) {
        jdbc.update("""
                UPDATE petition SET status = 'DECLINED', decision_reason = ?, decided_at = ?,
                       ended_at = LEAST(closes_at, ?) WHERE petition_id = ?""",
                e.reason(), ts(e.decidedAt()), ts(e.decidedAt()), e.petitionId().value());
        history(e.petitionId().value(), e.decidedAt(), "DECLINED");
    }

    @EventHandler
    void on(PetitionCommented e) {
        jdbc.update("""
                INSERT INTO petition_comment (comment_id, petition_id, author, sealed_text, commented_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (comment_id) DO NOTHING""",
                e.commentId(), e.petitionId().value(), e.author().value(), e.sealedText(), ts(e.commentedAt()));
    }

    @EventHandler
    void on(fr.paris.ledger.petition.CommentHidden e) {
        jdbc.update("UPDATE petition_comment SET hidden_at = ?, hidden_reason = ? WHERE comment_id = ?",
                ts(e.hiddenAt()), e.reason(), e.commentId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM petition_comment");
        jdbc.update("DELETE FROM petition_history");
        jdbc.update("DELETE FROM petition");
        pages.clear();
    }

    private void history(String petitionId, Instant at, String type) {
        pages.changed(petitionId); // every event that writes history changes the petition's row too
        jdbc.update("INSERT INTO petition_history (petition_id, at, type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                petitionId, ts(at), type);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
