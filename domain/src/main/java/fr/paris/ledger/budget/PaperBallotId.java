package fr.paris.ledger.budget;

import java.util.Objects;

/** A paper ballot by its number: its own aggregate, so that a number is entered once. */
public record PaperBallotId(int year, String ballotNumber) {
    public PaperBallotId {
        Objects.requireNonNull(ballotNumber);
    }

    public static String prefixOf(int year) {
        return "budget-paper-ballot:" + year + ":";
    }

    @Override
    public String toString() {
        return prefixOf(year) + ballotNumber;
    }
}
