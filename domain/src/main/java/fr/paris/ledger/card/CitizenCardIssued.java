package fr.paris.ledger.card;

import fr.paris.ledger.shared.Channel;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A citizen card was issued. It records what eligibility was judged on (postal code, birth year and
 * age in whole years on the day) so that an auditor can judge it again, but not the birthdate.
 */
@Revision("1")
public record CitizenCardIssued(
        ParticipantId participantId,
        CardNumber cardNumber,
        PostalCode postalCode,
        int arrondissement,
        int birthYear,
        int ageOnIssue,
        Channel channel,
        ParticipantId requestedBy,
        Instant issuedAt) {
}
