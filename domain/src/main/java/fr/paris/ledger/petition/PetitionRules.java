package fr.paris.ledger.petition;

/** The figures of Paris Pétition. */
public final class PetitionRules {
    /** Valid signatures of Parisians within the window that make a petition eligible for the council agenda. */
    public static final int THRESHOLD = 5_000;

    /** How old the count a CPDP decision relies on may be (it is recorded as of the count's moment). */
    public static final java.time.Duration DECISION_COUNT_MAX_AGE = java.time.Duration.ofMinutes(1);

    private PetitionRules() {
    }
}
