package fr.paris.ledger.projections.petition;

import fr.paris.ledger.petition.PetitionSignatureWithdrawn;
import fr.paris.ledger.petition.PetitionSigned;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code petition_signature} (one row per signer) and {@code petition_tally} (standing
 * signatures per petition and arrondissement) in step with the signature events. A tally changes
 * only when a row actually changes, so an event seen twice counts once. All events of one petition
 * are handled by one segment, in order (see PetitionConfiguration in module infra).
 *
 * <p>Within a batch of events (one unit of work, one transaction), the signers' rows are written
 * with one JDBC batch and each tally once, with the sum of its changes, just before the batch
 * commits: a surge or a replay of one petition otherwise costs two statements per signature, one
 * after the other, on the petition's one segment (docs/benchmarks.md). The statements and their
 * order are the same as one by one: a withdrawal first writes the rows still pending, so it sees
 * them; a row counts in its tally only when its statement changed it.
 */
@Component
@ProcessingGroup(PetitionSignatureProjection.NAME)
public class PetitionSignatureProjection {
    public static final String NAME = "petition-signatures";

    private final JdbcTemplate jdbc;
    private final PetitionViewCache pages;

    public PetitionSignatureProjection(JdbcTemplate jdbc, PetitionViewCache pages) {
        this.jdbc = jdbc;
        this.pages = pages;
    }

    private static final String SIGN = """
            INSERT INTO petition_signature (petition_id, participant_id, arrondissement, signed_at)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (petition_id, participant_id) DO UPDATE
               SET arrondissement = excluded.arrondissement, signed_at = excluded.signed_at, withdrawn_at = NULL
             WHERE petition_signature.withdrawn_at IS NOT NULL""";
    private static final String PENDING = PetitionSignatureProjection.class.getName() + ".pending";

    @EventHandler
    void on(PetitionSigned e) {
        Object[] row = {e.petitionId().value(), e.participantId().value(), (short) e.arrondissement(), Timestamp.from(e.signedAt())};
        pages.changed(e.petitionId().value());
        Pending pending = pending();
        if (pending == null) {
            if (jdbc.update(SIGN, row) == 1) {
                tally(e.petitionId().value(), e.arrondissement(), 1);
            }
        } else {
            pending.signed.add(row);
        }
    }

    @EventHandler
    void on(PetitionSignatureWithdrawn e) {
        pages.changed(e.petitionId().value());
        Pending pending = pending();
        if (pending != null) {
            pending.writeSigned(); // the row to withdraw may be among them
        }
        List<Integer> arrondissement = jdbc.queryForList("""
                UPDATE petition_signature SET withdrawn_at = ?
                WHERE petition_id = ? AND participant_id = ? AND withdrawn_at IS NULL
                RETURNING arrondissement""", Integer.class,
                Timestamp.from(e.withdrawnAt()), e.petitionId().value(), e.participantId().value());
        if (!arrondissement.isEmpty()) {
            if (pending == null) {
                tally(e.petitionId().value(), arrondissement.get(0), -1);
            } else {
                pending.count(e.petitionId().value(), arrondissement.get(0), -1);
            }
        }
    }

    /** This batch's pending writes, written when it prepares to commit; null outside a unit of work. */
    private Pending pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            Pending p = new Pending();
            root.onPrepareCommit(u -> p.write());
            return p;
        });
    }

    /** Signers' rows not written yet, and the tallies' changes not written yet (by petition, then arrondissement). */
    private final class Pending {
        final List<Object[]> signed = new ArrayList<>();
        final Map<String, Integer> tallies = new TreeMap<>();

        void count(String petitionId, int arrondissement, int delta) {
            tallies.merge(petitionId + "\u0000" + arrondissement, delta, Integer::sum);
        }

        void writeSigned() {
            if (signed.isEmpty()) {
                return;
            }
            int[] changed = jdbc.batchUpdate(SIGN, signed);
            for (int i = 0; i < changed.length; i++) {
                if (changed[i] != 0 && changed[i] != 1) {
                    throw new IllegalStateException("unexpected update count " + changed[i] + " (statement " + i
                            + "): the JDBC driver must report each statement's count (no reWriteBatchedInserts)");
                }
                if (changed[i] == 1) {
                    count((String) signed.get(i)[0], (Short) signed.get(i)[2], 1);
                }
            }
            signed.clear();
        }

        void write() {
            writeSigned();
            tallies.forEach((key, delta) -> {
                if (delta != 0) {
                    int cut = key.indexOf('\u0000');
                    tally(key.substring(0, cut), Integer.parseInt(key.substring(cut + 1)), delta);
                }
            });
            tallies.clear();
        }
    }

    private void tally(String petitionId, int arrondissement, int delta) {
        jdbc.update("""
                INSERT INTO petition_tally (petition_id, arrondissement, valid) VALUES (?, ?, ?)
                ON CONFLICT (petition_id, arrondissement) DO UPDATE SET valid = petition_tally.valid + excluded.valid""",
                petitionId, (short) arrondissement, delta);
    }

    // ---- the set-based rebuild (what a replay of this projection runs: see Projections and SetBasedRebuild in infra)

    /** The event types the handlers above handle: the only ones the set-based rebuild reads. */
    public static final List<Class<?>> HANDLED = List.of(PetitionSigned.class, PetitionSignatureWithdrawn.class);

    /** The rebuild empties the tables as {@link #reset} does. */
    public static final List<String> REBUILD_EMPTY = List.of("DELETE FROM petition_tally", "DELETE FROM petition_signature");

    /**
     * The rows the handlers above would write, from the stored events ({@code events}: global index,
     * payload type, payload as jsonb; see {@code EventScanner#updateFromEvents} in infra), for each
     * signer of each petition, their events in the order the processor handles them (global index):
     * a signature counts only when the signer does not stand (their first, or the first after a
     * withdrawal: the row is then written anew, arrondissement and time of that signature), a
     * withdrawal only when the signer stands (it keeps the row's arrondissement and time); any other
     * event changes nothing, as an event seen twice. Because signatures and withdrawals alternate,
     * an event counts exactly when its kind differs from the signer's previous event's, or, for the
     * first, when it is a signature. The signer's row is then their last counted signature, withdrawn
     * at their last counted withdrawal if that came after it.
     *
     * <p>The tally is then the standing rows per petition and arrondissement. The handlers also leave
     * a tally at 0 when every signature of an arrondissement was withdrawn in a later batch than its
     * signing, and none when within one batch: whether a 0 row exists depends on the batching, and no
     * read tells a 0 row from none ({@link PetitionQueries#byArrondissement}, the list's sums). The
     * rebuild writes none.
     *
     * <p>Each payload's fields are read with one {@code jsonb_to_record} call: {@code payload} is the
     * parse of the stored bytes, and each {@code payload->>'field'} would parse them again (on
     * 2,000,000 signatures, 17 s against 7 s for the query; docs/benchmarks.md, change 13).
     */
    public static final List<String> REBUILD_FILL = List.of("""
            , signer_events AS (
                SELECT r."petitionId" AS petition_id, r."participantId" AS participant_id,
                       payload_type = '%s' AS signing,
                       r.arrondissement, r."signedAt" AS signed_at, r."withdrawnAt" AS withdrawn_at, global_index
                FROM events, LATERAL jsonb_to_record(payload) AS r("petitionId" text, "participantId" text,
                     arrondissement smallint, "signedAt" timestamptz, "withdrawnAt" timestamptz)),
            counted AS (
                SELECT * FROM (
                    SELECT e.*, lag(signing) OVER (PARTITION BY petition_id, participant_id ORDER BY global_index) AS previous
                    FROM signer_events e) k
                WHERE (previous IS NULL AND signing) OR previous <> signing),
            last_event AS (
                SELECT DISTINCT ON (petition_id, participant_id) petition_id, participant_id, signing, withdrawn_at
                FROM counted ORDER BY petition_id, participant_id, global_index DESC),
            last_signature AS (
                SELECT DISTINCT ON (petition_id, participant_id) petition_id, participant_id, arrondissement, signed_at
                FROM counted WHERE signing ORDER BY petition_id, participant_id, global_index DESC)
            INSERT INTO petition_signature (petition_id, participant_id, arrondissement, signed_at, withdrawn_at)
            SELECT s.petition_id, s.participant_id, s.arrondissement, s.signed_at,
                   CASE WHEN l.signing THEN NULL ELSE l.withdrawn_at END
            FROM last_signature s JOIN last_event l USING (petition_id, participant_id)""".formatted(PetitionSigned.class.getName()),
            """
            INSERT INTO petition_tally (petition_id, arrondissement, valid)
            SELECT petition_id, arrondissement, count(*) FROM petition_signature WHERE withdrawn_at IS NULL
            GROUP BY petition_id, arrondissement""");

    /** After the rebuild has committed, as after a reset: every page dropped. */
    public void rebuilt() {
        pages.clear();
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM petition_tally");
        jdbc.update("DELETE FROM petition_signature");
        pages.clear();
    }
}
