package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A participant commented on an open petition. {@code author} is a reference in the scope
 * {@code comment:<petition>}; the text is not a public record: {@code sealedText} is it encrypted under
 * a key derived from the author's subject key, unreadable once that key is erased.
 */
@Revision("2")
public record PetitionCommented(String commentId, PetitionId petitionId, ParticipantId author, String sealedText, Instant commentedAt) {
}
