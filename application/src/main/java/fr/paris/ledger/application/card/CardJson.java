package fr.paris.ledger.application.card;

import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.projections.card.CardView;
import java.time.Instant;

/**
 * A citizen card as the API shows it to its holder; {@code receipt} only in answers to an act. The
 * number is derived from the holder's subject key for this answer: it is in no table and no event.
 */
public record CardJson(String cardNumber, String status, Integer arrondissement, String ageBand, String channel,
                       Instant issuedAt, Instant cancelledAt, ReceiptJson receipt) {

    static CardJson of(CardView v, String cardNumber) {
        return new CardJson(cardNumber, v.status(), "ACTIVE".equals(v.status()) ? v.arrondissement() : null,
                v.ageBand(), v.channel(), v.issuedAt(), v.cancelledAt(), null);
    }
}
