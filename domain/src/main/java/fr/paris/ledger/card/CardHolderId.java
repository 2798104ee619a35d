package fr.paris.ledger.card;

import fr.paris.ledger.shared.ParticipantId;
import java.util.Objects;

/**
 * The identifier of a participant's card history: one aggregate per participant, so that "one
 * active card per participant" is decided by one consistency boundary. Its string form is
 * prefixed because the event store's aggregate identifiers share one namespace across types.
 */
public record CardHolderId(ParticipantId participantId) {
    private static final String PREFIX = "card-holder:";

    public CardHolderId {
        Objects.requireNonNull(participantId, "participant id");
    }

    public static CardHolderId of(ParticipantId participantId) {
        return new CardHolderId(participantId);
    }

    @Override
    public String toString() {
        return PREFIX + participantId.value();
    }
}
