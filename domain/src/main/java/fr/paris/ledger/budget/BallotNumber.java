package fr.paris.ledger.budget;

import fr.paris.ledger.shared.SingleValue;
import java.util.regex.Pattern;

/** A paper ballot's number, campaign-wide unique: letters, digits and dashes, 1 to 64. Written as a plain JSON string. */
public record BallotNumber(String value) implements SingleValue {
    /** The form of a ballot number (also of batch ids and urns). */
    public static final String FORMAT = "[A-Za-z0-9-]{1,64}";
    private static final Pattern PATTERN = Pattern.compile(FORMAT);

    public BallotNumber {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("a ballot number is 1 to 64 letters, digits or dashes");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
