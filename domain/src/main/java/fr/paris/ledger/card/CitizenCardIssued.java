package fr.paris.ledger.card;

import fr.paris.ledger.shared.Channel;
import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A citizen card was issued. {@code participantId} is the holder's reference in the scope
 * {@code card}; {@code cardId} is a random id from which only the holder's subject key derives the
 * number printed on the card (the number itself is never in the log). Eligibility was judged on the
 * arrondissement (1-20) and the age band recorded here, never on a birth date or postal code kept.
 * {@code requestedBy} is the holder's reference online, or the agent's staff reference.
 */
@Revision("2")
public record CitizenCardIssued(
        ParticipantId participantId,
        String cardId,
        int arrondissement,
        String ageBand,
        Channel channel,
        ParticipantId requestedBy,
        Instant issuedAt) {
}
