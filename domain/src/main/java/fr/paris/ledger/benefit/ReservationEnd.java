package fr.paris.ledger.benefit;

/** Why one reservation ended before the event (a cancelled event ends them all with {@link CardEventCancelled}). */
public enum ReservationEnd {
    /** The holder cancelled it (or their erasure did, as if they had). */
    BY_HOLDER,
    /** The card it was made with was cancelled: by its holder, an agent, a move out of Paris or an erasure. */
    CARD_CANCELLED
}
