package fr.paris.ledger.infra.axon;

/**
 * Proof handed to a participant that their act was recorded: the id of the event it wrote (the
 * main one when several) and its position in the ledger's global order.
 */
public record Receipt(String eventId, Long globalIndex) {
}
