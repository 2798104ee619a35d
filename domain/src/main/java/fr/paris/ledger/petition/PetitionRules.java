package fr.paris.ledger.petition;

/** The figures of Paris Pétition. */
public final class PetitionRules {
    /** Valid signatures of Parisians within the window that make a petition eligible for the council agenda. */
    public static final int THRESHOLD = 5_000;

    private PetitionRules() {
    }
}
