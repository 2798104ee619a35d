package fr.paris.ledger.benefit;

/** Where a live reservation stands: a seat, or a place on the waiting list. */
public enum ReservationStatus {
    CONFIRMED,
    WAITLISTED
}
