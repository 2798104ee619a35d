package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import java.util.Objects;

/**
 * One participant's signature of one petition: its own small aggregate, so that signatures of a
 * petition never share a consistency boundary, and a second signature by the same participant
 * collides on this identifier.
 */
public record SignatureId(PetitionId petitionId, ParticipantId participantId) {
    public static final String PREFIX = "signature:";

    public SignatureId {
        Objects.requireNonNull(petitionId);
        Objects.requireNonNull(participantId);
    }

    /** The prefix shared by the aggregate identifiers of every signature of {@code petition}. */
    public static String prefixOf(PetitionId petition) {
        return PREFIX + petition.value() + ":";
    }

    @Override
    public String toString() {
        return prefixOf(petitionId) + participantId.value();
    }
}
