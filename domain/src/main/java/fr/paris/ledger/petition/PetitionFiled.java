package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A Parisian filed a petition; it awaits moderation. {@code author} is a reference in the scope {@code petition-author:<id>}. */
@Revision("2")
public record PetitionFiled(PetitionId petitionId, ParticipantId author, String title, String text, String category, Integer arrondissement, Instant filedAt) {
}
