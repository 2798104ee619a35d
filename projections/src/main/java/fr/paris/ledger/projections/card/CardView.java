package fr.paris.ledger.projections.card;

import java.time.Instant;

/** One citizen card as the read model holds it: a holder reference and a random card id, never the number. */
public record CardView(String cardId, String participantId, String status, int arrondissement, String ageBand,
                       String channel, Instant issuedAt, Instant cancelledAt, String cancellation) {
}
