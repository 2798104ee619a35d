package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.SingleValue;
import java.util.Objects;
import java.util.regex.Pattern;

/** A council's id, chosen by the admin who defines it: lowercase letters, digits and dashes, e.g. {@code cpj}. */
public record CouncilId(String value) implements SingleValue {
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public CouncilId {
        Objects.requireNonNull(value, "council id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a council id has 1 to 64 lowercase letters, digits or dashes");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** The event store's aggregate identifier of the council (one namespace shared by every instrument). */
    public String aggregateId() {
        return "council:" + value;
    }

    @Override
    public String toString() {
        return aggregateId();
    }
}
