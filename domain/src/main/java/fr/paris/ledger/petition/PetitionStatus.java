package fr.paris.ledger.petition;

/** Where a petition stands. {@code CLOSED} is reached at the end of the window, whether or not it was recorded yet. */
public enum PetitionStatus {
    PENDING_MODERATION,
    REJECTED,
    OPEN,
    CLOSED,
    WITHDRAWN,
    ON_COUNCIL_AGENDA,
    DECLINED
}
