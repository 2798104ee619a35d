package fr.paris.ledger.petition;

import java.time.Instant;

/**
 * What the rules need to know of a petition: its recorded status, author and signing window.
 * Folded from the petition's own events by {@link #apply}; the {@link Petition} aggregate and the
 * signatures' {@link PetitionDirectory} use this same fold.
 *
 * @param window null until publication
 */
public record PetitionFacts(PetitionId id, String author, PetitionStatus recordedStatus, SigningWindow window) {

    /** The facts after {@code event}; other events leave them unchanged. */
    public static PetitionFacts apply(PetitionFacts facts, Object event) {
        if (event instanceof PetitionFiled e) {
            return new PetitionFacts(e.petitionId(), e.author().value(), PetitionStatus.PENDING_MODERATION, null);
        }
        if (facts == null) {
            return null;
        }
        if (event instanceof PetitionPublished e) {
            return facts.with(PetitionStatus.OPEN, new SigningWindow(e.opensAt(), e.closesAt(), null));
        }
        if (event instanceof PetitionRejected) {
            return facts.with(PetitionStatus.REJECTED, facts.window);
        }
        if (event instanceof PetitionWithdrawn e) {
            return facts.with(PetitionStatus.WITHDRAWN, facts.window == null ? null : facts.window.endedAt(e.withdrawnAt()));
        }
        if (event instanceof PetitionClosed) {
            return facts.with(PetitionStatus.CLOSED, facts.window);
        }
        if (event instanceof PetitionPlacedOnCouncilAgenda e) {
            return facts.with(PetitionStatus.ON_COUNCIL_AGENDA, facts.window.endedAt(e.decidedAt()));
        }
        if (event instanceof PetitionDeclined e) {
            return facts.with(PetitionStatus.DECLINED, facts.window.endedAt(e.decidedAt()));
        }
        return facts;
    }

    private PetitionFacts with(PetitionStatus status, SigningWindow window) {
        return new PetitionFacts(id, author, status, window);
    }

    /** The status at {@code now}: an open petition whose window has ended is closed, recorded or not. */
    public PetitionStatus statusAt(Instant now) {
        if (recordedStatus == PetitionStatus.OPEN && !now.isBefore(window.closesAt())) {
            return PetitionStatus.CLOSED;
        }
        return recordedStatus;
    }

    /** Whether a signature (or its withdrawal, or a comment) is accepted at {@code now}. */
    public boolean isOpenAt(Instant now) {
        return recordedStatus == PetitionStatus.OPEN && window.contains(now);
    }
}
