package fr.paris.ledger.petition;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A participant files a petition; {@code authorPostalCode} is the token's, judged now. */
public record FilePetition(@TargetAggregateIdentifier PetitionId petitionId, ParticipantId author,
                           PostalCode authorPostalCode, String title, String text, String category,
                           Integer arrondissement) {
}
