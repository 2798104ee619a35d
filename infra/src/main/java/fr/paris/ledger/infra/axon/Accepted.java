package fr.paris.ledger.infra.axon;

/** A command the ledger accepted: what its handler returned, and the receipt of what it wrote. */
public record Accepted<R>(R result, Receipt receipt) {
}
