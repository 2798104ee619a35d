package fr.paris.ledger.petition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A signer withdraws their signature while the petition is open. */
public record WithdrawSignature(@TargetAggregateIdentifier SignatureId signatureId) {
}
