package fr.paris.ledger.petition;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts a petition's valid signatures from its signature events, the way an auditor would, in one
 * pass and in memory that does not grow with the number of signatures.
 *
 * <p>Feed it every signature event of the petition grouped by signer, each signer's events in their
 * recorded order (the order of the event store's {@code (aggregate_identifier, sequence_number)}).
 * A signature is valid when it stands (not withdrawn), was given by a Parisian, inside the signing
 * window, and is not a second signature of a signer whose first still stands. Events after
 * {@code asOf} are ignored. The threshold time is the moment the {@value PetitionRules#THRESHOLD}th
 * valid signature (in time order) was given: kept with a heap of the earliest
 * {@value PetitionRules#THRESHOLD} valid signing times.
 */
public final class SignatureRecount {

    /** The recount of one petition. */
    public record Result(long validSignatures, long withdrawn, long outsideWindow, long notResident, long duplicate,
                         SortedMap<Integer, Long> byArrondissement, Instant thresholdReachedAt) {
        public boolean eligible() {
            return validSignatures >= PetitionRules.THRESHOLD;
        }
    }

    private final SigningWindow window;
    private final Instant asOf;
    private final PriorityQueue<Instant> earliestValid = new PriorityQueue<>(Comparator.reverseOrder());
    private final SortedMap<Integer, Long> byArrondissement = new TreeMap<>();
    private long valid;
    private long withdrawn;
    private long outsideWindow;
    private long notResident;
    private long duplicate;

    private String signer;
    private PetitionSigned standing;

    /**
     * @param window the petition's signing window (null if never published: nothing is then valid)
     * @param asOf   count as of this moment (null for everything recorded)
     */
    public SignatureRecount(SigningWindow window, Instant asOf) {
        this.window = window;
        this.asOf = asOf;
    }

    /** The next event of {@code signerId}; a new signer id closes the previous signer. */
    public void accept(String signerId, Object event) {
        Objects.requireNonNull(signerId);
        if (!signerId.equals(signer)) {
            closeSigner();
            signer = signerId;
        }
        if (event instanceof PetitionSigned signed) {
            if (!after(signed.signedAt())) {
                if (standing != null) {
                    duplicate++;
                } else {
                    standing = signed;
                }
            }
        } else if (event instanceof PetitionSignatureWithdrawn withdrawal) {
            if (!after(withdrawal.withdrawnAt()) && standing != null) {
                withdrawn++;
                standing = null;
            }
        }
    }

    public Result finish() {
        closeSigner();
        signer = null;
        Instant threshold = valid >= PetitionRules.THRESHOLD ? earliestValid.peek() : null;
        return new Result(valid, withdrawn, outsideWindow, notResident, duplicate,
                Collections.unmodifiableSortedMap(new TreeMap<>(byArrondissement)), threshold);
    }

    private boolean after(Instant t) {
        return asOf != null && t.isAfter(asOf);
    }

    private void closeSigner() {
        if (standing == null) {
            return;
        }
        if ((standing.arrondissement() < 1 || standing.arrondissement() > 20)) {
            notResident++;
        } else if (window == null || !window.contains(standing.signedAt())) {
            outsideWindow++;
        } else {
            valid++;
            byArrondissement.merge(standing.arrondissement(), 1L, Long::sum);
            earliestValid.add(standing.signedAt());
            if (earliestValid.size() > PetitionRules.THRESHOLD) {
                earliestValid.poll();
            }
        }
        standing = null;
    }
}
