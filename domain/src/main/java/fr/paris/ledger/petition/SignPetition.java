package fr.paris.ledger.petition;

import fr.paris.ledger.shared.PostalCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A participant signs a petition; {@code postalCode} is the token's, judged now (may be null if absent). */
public record SignPetition(@TargetAggregateIdentifier SignatureId signatureId, PostalCode postalCode) {
}
