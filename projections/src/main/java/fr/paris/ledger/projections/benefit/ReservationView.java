package fr.paris.ledger.projections.benefit;

/**
 * One holder's reservation of an event: {@code CONFIRMED}, {@code WAITLISTED} (with its current
 * {@code position}, from 1) or {@code CANCELLED} (with {@code cancellation}: {@code BY_HOLDER},
 * {@code CARD_CANCELLED} or {@code EVENT_CANCELLED}).
 */
public record ReservationView(String eventId, String status, Integer position, String cancellation) {
}
