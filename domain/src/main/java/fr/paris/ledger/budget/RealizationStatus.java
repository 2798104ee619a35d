package fr.paris.ledger.budget;

/** Delivery of a winning project. */
public enum RealizationStatus {
    STUDY,
    WORKS,
    DELIVERED,
    ABANDONED
}
