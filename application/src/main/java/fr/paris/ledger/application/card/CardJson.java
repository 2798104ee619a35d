package fr.paris.ledger.application.card;

import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.projections.card.CardView;
import java.time.Instant;

/** A citizen card as the API shows it; {@code receipt} only in answers to an act. */
public record CardJson(String cardNumber, String status, Integer arrondissement, String postalCode, String channel,
                       Instant issuedAt, Instant cancelledAt, ReceiptJson receipt) {

    static CardJson of(CardView v) {
        return new CardJson(v.cardNumber(), v.status(), "ACTIVE".equals(v.status()) ? v.arrondissement() : null,
                v.postalCode(), v.channel(), v.issuedAt(), v.cancelledAt(), null);
    }
}
