package fr.paris.ledger.card;

/** Why a card stopped being active. */
public enum CancellationCause {
    BY_HOLDER,
    BY_AGENT,
    MOVED_OUT_OF_PARIS
}
