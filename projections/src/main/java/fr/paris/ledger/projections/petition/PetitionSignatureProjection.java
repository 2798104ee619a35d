package fr.paris.ledger.projections.petition;

import fr.paris.ledger.petition.PetitionSignatureWithdrawn;
import fr.paris.ledger.petition.PetitionSigned;
import java.sql.Timestamp;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code petition_signature} (one row per signer) and {@code petition_tally} (standing
 * signatures per petition and arrondissement) in step with the signature events. A tally changes
 * only when a row actually changes, so an event seen twice counts once. All events of one petition
 * are handled by one segment, in order (see PetitionConfiguration in module infra).
 */
@Component
@ProcessingGroup(PetitionSignatureProjection.NAME)
public class PetitionSignatureProjection {
    public static final String NAME = "petition-signatures";

    private final JdbcTemplate jdbc;

    public PetitionSignatureProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PetitionSigned e) {
        int changed = jdbc.update("""
                INSERT INTO petition_signature (petition_id, participant_id, arrondissement, signed_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (petition_id, participant_id) DO UPDATE
                   SET arrondissement = excluded.arrondissement, signed_at = excluded.signed_at, withdrawn_at = NULL
                 WHERE petition_signature.withdrawn_at IS NOT NULL""",
                e.petitionId().value(), e.participantId().value(), (short) e.arrondissement(), Timestamp.from(e.signedAt()));
        if (changed == 1) {
            tally(e.petitionId().value(), e.arrondissement(), 1);
        }
    }

    @EventHandler
    void on(PetitionSignatureWithdrawn e) {
        List<Integer> arrondissement = jdbc.queryForList("""
                UPDATE petition_signature SET withdrawn_at = ?
                WHERE petition_id = ? AND participant_id = ? AND withdrawn_at IS NULL
                RETURNING arrondissement""", Integer.class,
                Timestamp.from(e.withdrawnAt()), e.petitionId().value(), e.participantId().value());
        if (!arrondissement.isEmpty()) {
            tally(e.petitionId().value(), arrondissement.get(0), -1);
        }
    }

    private void tally(String petitionId, int arrondissement, int delta) {
        jdbc.update("""
                INSERT INTO petition_tally (petition_id, arrondissement, valid) VALUES (?, ?, ?)
                ON CONFLICT (petition_id, arrondissement) DO UPDATE SET valid = petition_tally.valid + excluded.valid""",
                petitionId, (short) arrondissement, delta);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM petition_tally");
        jdbc.update("DELETE FROM petition_signature");
    }
}
