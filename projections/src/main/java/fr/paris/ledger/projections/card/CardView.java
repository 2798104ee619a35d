package fr.paris.ledger.projections.card;

import java.time.Instant;

/** One citizen card as the read model holds it. */
public record CardView(String cardNumber, String participantId, String status, String postalCode, int arrondissement,
                       int birthYear, String channel, Instant issuedAt, Instant cancelledAt, String cancellation) {
}
