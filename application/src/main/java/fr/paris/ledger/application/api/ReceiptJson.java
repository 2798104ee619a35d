package fr.paris.ledger.application.api;

import fr.paris.ledger.infra.axon.Receipt;

/** The {@code receipt} of every accepted act: the event it wrote and its place in the global order. */
public record ReceiptJson(String eventId, Long globalIndex) {
    public static ReceiptJson of(Receipt receipt) {
        return receipt == null ? null : new ReceiptJson(receipt.eventId(), receipt.globalIndex());
    }
}
