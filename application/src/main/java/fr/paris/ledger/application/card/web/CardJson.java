package fr.paris.ledger.application.card.web;

import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.application.card.CardActs;
import fr.paris.ledger.application.card.CardReads;
import fr.paris.ledger.card.CitizenCardIssued;
import fr.paris.ledger.projections.card.CardView;
import java.time.Instant;

/**
 * A citizen card as the API shows it to its holder; {@code receipt} only in answers to an act. The
 * number is derived from the holder's subject key for this answer: it is in no table and no event.
 */
public record CardJson(String cardNumber, String status, Integer arrondissement, String ageBand, String channel,
                       Instant issuedAt, Instant cancelledAt, ReceiptJson receipt) {

    static CardJson of(CardReads.HeldCard held) {
        CardView v = held.card();
        return new CardJson(held.cardNumber(), v.status(), "ACTIVE".equals(v.status()) ? v.arrondissement() : null,
                v.ageBand(), v.channel(), v.issuedAt(), v.cancelledAt(), null);
    }

    static CardJson issued(CardActs.Issued issued) {
        CitizenCardIssued e = issued.accepted().result();
        return new CardJson(issued.cardNumber(), "ACTIVE", e.arrondissement(), e.ageBand(), e.channel().name(),
                e.issuedAt(), null, ReceiptJson.of(issued.accepted().receipt()));
    }
}
