package fr.paris.ledger.application.card.web;

import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.shared.PostalCode;

/** Answers to a card's cancellation and to its holder's move (the issued card is a {@link CardJson}). */
public final class CardAnswers {
    private CardAnswers() {
    }

    public record CardCancelledJson(String cardNumber, String status, ReceiptJson receipt) {
        static CardCancelledJson of(String cardNumber, Accepted<?> accepted) {
            return new CardCancelledJson(cardNumber, "CANCELLED", ReceiptJson.of(accepted.receipt()));
        }
    }

    /** {@code arrondissement} is null (and present) when the move left Paris and cancelled the card. */
    public record CardMovedJson(String cardNumber, String status, Integer arrondissement, ReceiptJson receipt) {
        static CardMovedJson of(String cardNumber, PostalCode postalCode, Accepted<?> accepted) {
            return new CardMovedJson(cardNumber, postalCode.isParisian() ? "ACTIVE" : "CANCELLED",
                    postalCode.isParisian() ? postalCode.arrondissement().getAsInt() : null, ReceiptJson.of(accepted.receipt()));
        }
    }
}
