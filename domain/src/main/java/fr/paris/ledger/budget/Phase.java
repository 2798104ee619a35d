package fr.paris.ledger.budget;

/** The phases of a participatory budget campaign, in their only order. */
public enum Phase {
    PROPOSALS,
    FEASIBILITY,
    VOTING,
    RESULTS,
    REALIZATION;

    /** The phase after this one, or null after the last. */
    public Phase next() {
        return ordinal() + 1 < values().length ? values()[ordinal() + 1] : null;
    }
}
